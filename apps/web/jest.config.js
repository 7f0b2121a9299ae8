// The web app's server: the gateway, its session and dashboard endpoints (the pages are tested by Vitest).
const preset = require('../../jest.preset.js');

const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

module.exports = {
  displayName: 'web',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/../../libs/devstack/src/testing/global-setup.ts',
  testTimeout: 120_000,
  // http-proxy-middleware 4 and httpxy ship ES modules only: Jest's CommonJS runtime gets them transpiled
  transform: { ...preset.transform, '^.+\\.m?js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(http-proxy-middleware|httpxy|is-plain-obj)/)'],
};
