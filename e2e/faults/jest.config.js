// Faults under load: the six services as processes on servers of this suite alone (issue 13).
module.exports = {
  displayName: 'faults',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  globalSetup: '<rootDir>/../../libs/devstack/src/testing/global-setup.ts',
  testTimeout: 120_000,
};
