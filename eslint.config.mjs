// One lint config for the workspace. Module boundaries follow docs/architecture.md: two tag axes,
// type: (app, lib, contracts, tooling, e2e) and scope: (shared or a service name).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';

const services = [
  'user-service',
  'order-service',
  'payment-service',
  'notification-worker',
  'ml-engine',
  'data-pipeline',
  'web',
];

/** The dependency matrix: what kind of project may import what kind, and whose code. */
const boundaries = (testFiles) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
      // devstack (type:tooling) runs the real servers: tests may use it, library code may not
      {
        sourceTag: 'type:lib',
        onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...(testFiles ? ['type:tooling'] : [])],
      },
      { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      ...services.map((s) => ({
        sourceTag: `scope:${s}`,
        onlyDependOnLibsWithTags: ['scope:shared', `scope:${s}`],
      })),
    ],
  },
];

const testFiles = ['**/*.spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts'];

// the Kafka client stays behind libs/messaging, so it can be swapped (docs/architecture.md)
const kafkaClientBan = {
  group: ['kafkajs', 'kafkajs/*'],
  message:
    'use @platform/messaging (and @platform/messaging/testing in tests); only libs/messaging knows the Kafka client',
};
const devstackBan = {
  group: ['@platform/devstack', '@platform/devstack/*'],
  message: 'devstack is for tests and tools',
};
export default [
  { ignores: ['**/node_modules', '**/dist', '**/.devstack', '**/.nx', 'contracts/**', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: testFiles,
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    files: ['**/*.ts'],
    ignores: ['libs/messaging/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [kafkaClientBan] }] },
  },
  {
    // production code of the services never reaches for the local infrastructure launcher
    files: ['apps/*/src/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [kafkaClientBan, devstackBan] }] },
  },
  {
    // the web app's pages (React): the rules of hooks, and the same import style as the services
    files: ['apps/web/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
