module.exports = {
  displayName: 'devstack',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  globalSetup: '<rootDir>/src/testing/global-setup.ts',
  testTimeout: 60_000,
};
