// Jest runs TypeScript through SWC (decorators for TypeGraphQL) and transforms the few
// ESM-only dependencies to CommonJS.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // PGlite (the embedded database) loads Node built-ins with import(); see the transformer.
    '/node_modules/@electric-sql/pglite/.+\\.cjs$': '<rootDir>/test/support/dynamic-import-transform.cjs',
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@electric-sql/pglite)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
