module.exports = {
  displayName: 'service-kit',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // integration tests share the real devstack servers; this brings them up once (or reuses them)
  globalSetup: '<rootDir>/../../libs/devstack/src/testing/global-setup.ts',
  testTimeout: 60_000,
};
