// Helpers for the admin CLI tests: run `starhold admin …` in-process against a test database.
import { expect } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/clock.js';
import { withPgClient } from '../../src/db/pg-client.js';
import { runCli, type CliResult } from '../../src/cli/run.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/**
 * The environment an operator would set: the database (or only a data folder, for the embedded
 * PostgreSQL), the JWT secret, and test-speed bcrypt. With DATABASE_URL and the secret given,
 * nothing is written to the data folder, so the default one is never created.
 */
export function cliEnv(dbUrl: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    STARHOLD_DATA_DIR: join(tmpdir(), `starhold-cli-unused-${process.pid}`),
    STARHOLD_JWT_SECRET: TEST_JWT_SECRET,
    STARHOLD_BCRYPT_COST: '4',
    ...extra,
  };
}

/** An admin CLI bound to one environment (and optionally the test server's clock). */
export function adminCli(env: NodeJS.ProcessEnv, clock?: Clock): (...argv: string[]) => Promise<CliResult> {
  return (...argv) => runCli(['admin', ...argv], env, clock ? { clock } : {});
}

/** Asserts success (showing stderr when not) and parses the --json document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are asserted field by field
export function jsonOf<T = any>(r: CliResult): T {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as T;
}

/** Asserts a failure with exit code 1, a message on stderr and nothing on stdout. */
export function expectFailure(r: CliResult, message: RegExp): void {
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
  expect(r.stderr).toMatch(message);
}

export async function sql<R = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  return withPgClient({ connectionString: url }, async (c) => (await c.query<R>(text, params)).rows);
}
