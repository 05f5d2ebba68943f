/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Azurite is started once per run, on a free port, by the global setup.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Every file starts and ends on the real node:http (nock would otherwise stay on for the files after it).
  setupFilesAfterEnv: ['<rootDir>/tests/support/restore-nock.ts'],
  testTimeout: 60000,
};
