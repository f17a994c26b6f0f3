// End-to-end tests: the real server (real clock, real tick loop, realtime gateway) serving the
// built web client, driven in Debian Chromium through playwright-core. Run with `npm run test:e2e`
// (builds the desktop renderer first). One embedded PostgreSQL for the run, as in the unit suite.
import base from './jest.config.mjs';

export default {
  ...base,
  testMatch: ['<rootDir>/desktop/e2e/**/*.e2e.test.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
