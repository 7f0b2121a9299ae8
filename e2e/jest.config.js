// The whole system: services run as processes from their built bundles (dist/apps), on devstack.
module.exports = {
  displayName: 'e2e',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/../libs/devstack/src/testing/global-setup.ts',
  testTimeout: 120_000,
};
