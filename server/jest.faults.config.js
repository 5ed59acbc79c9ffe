// The fault suite (npm run test:faults): servers of its own, killed on purpose; one case at a time.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.fault.ts'],
  globalSetup: undefined,
  testTimeout: 240000,
  maxWorkers: 1,
};
