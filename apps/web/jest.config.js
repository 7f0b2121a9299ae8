// The web app's server: the gateway, its session and dashboard endpoints (the pages are tested by Vitest).
module.exports = {
  displayName: 'web',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/../../libs/devstack/src/testing/global-setup.ts',
  testTimeout: 120_000,
};
