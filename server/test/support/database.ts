// Per-test-file databases on the suite's PostgreSQL server (see ../global-setup.ts).
import { randomBytes } from 'node:crypto';
import { quoteIdent, withPgClient } from '../../src/db/pg-client.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.STARHOLD_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'STARHOLD_TEST_DATABASE_URL is not set. Run the tests through jest (its globalSetup starts an embedded PostgreSQL), ' +
        'or set it to a PostgreSQL server URL whose user may CREATE DATABASE.',
    );
  }
  return url;
}

/** Creates a fresh, uniquely named database; `drop()` disconnects everyone and removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = `starhold_test_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withPgClient({ connectionString: admin }, (client) => client.query(`create database ${quoteIdent(name)}`));

  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | undefined;
  const drop = (): Promise<void> =>
    (dropping ??= withPgClient({ connectionString: admin }, async (client) => {
      // WITH (FORCE) (PostgreSQL 13+) terminates sessions an un-closed ORM pool may still hold.
      await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    }));
  return { url: url.toString(), drop };
}
