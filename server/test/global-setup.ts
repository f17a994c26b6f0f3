// Jest globalSetup (runs once, in the parent process, before any worker starts).
// Uses STARHOLD_TEST_DATABASE_URL when given; otherwise starts one embedded PostgreSQL for the
// whole run and exports its admin URL through that variable, which the workers inherit.
// Test files then call createTestDatabase() from ./support/database.ts.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { registerHooks } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedDb, startEmbeddedPostgres } from '../src/db/embedded.js';

export interface TestPostgresState {
  db: EmbeddedDb;
  dir: string;
}

declare global {
  var __starholdTestPostgres: TestPostgresState | undefined;
}

/**
 * Jest loads globalSetup outside its module system: the file is swc-compiled to CommonJS and
 * `require`d, with no moduleNameMapper, so NodeNext-style `./x.js` specifiers of our sources
 * would not find `./x.ts`. A synchronous resolve hook (node:module registerHooks, applies to
 * require too) retries such specifiers as `.ts` while we load the sources.
 */
async function loadEmbedded(): Promise<{ startEmbeddedPostgres: typeof startEmbeddedPostgres }> {
  const hooks = registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const missing = code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
        if (missing && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
          return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
        }
        throw err;
      }
    },
  });
  try {
    return await import('../src/db/embedded.js');
  } finally {
    hooks.deregister();
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env.STARHOLD_TEST_DATABASE_URL) return;

  // Under /tmp (not a 0700 $TMPDIR) and 0755, so the `postgres` user can reach it when we run as root.
  const dir = await mkdtemp(path.join(process.platform === 'win32' ? os.tmpdir() : '/tmp', 'starhold-test-pg-'));
  await chmod(dir, 0o755);
  const verbose = Boolean(process.env.STARHOLD_TEST_DB_LOG);
  try {
    const { startEmbeddedPostgres } = await loadEmbedded();
    const db = await startEmbeddedPostgres({
      dataDir: dir,
      database: 'postgres',
      log: (msg) => {
        if (verbose) console.error(`[test-db] ${msg}`);
      },
    });
    globalThis.__starholdTestPostgres = { db, dir };
    process.env.STARHOLD_TEST_DATABASE_URL = db.url;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
