import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { withPgClient } from '../src/db/pg-client.js';
import { isProcessRunning } from '../src/db/stale-postmaster.js';
import { createTestDatabase } from './support/database.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const childScript = path.join(here, 'fixtures', 'embedded-child.mjs');

const logs: string[] = [];
const log = (msg: string): void => {
  logs.push(msg);
};

async function query<R = Record<string, unknown>>(url: string, sql: string): Promise<R[]> {
  return withPgClient({ connectionString: url }, async (client) => (await client.query<R>(sql)).rows);
}

/** Runs the fixture in a child node, waits for its "ready" line, and returns it plus the child. */
function startChild(dataDir: string): Promise<{ info: { url: string; port: number; pid: number }; kill(): Promise<void> }> {
  const child = spawn(process.execPath, [childScript, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const info = JSON.parse(stdout.slice(0, newline)) as { url: string; port: number; pid: number };
      resolve({
        info,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code, signal) => reject(new Error(`child exited early (code ${code}, signal ${signal}):\n${stderr}`)));
  });
}

let root = '';

beforeAll(async () => {
  // Under /tmp and 0755 so that, when running as root, the `postgres` user can reach the clusters.
  root = await mkdtemp(path.join(process.platform === 'win32' ? os.tmpdir() : '/tmp', 'starhold-embedded-test-'));
  await chmod(root, 0o755);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  const dataDir = (): string => path.join(root, 'persist');

  it('starts, answers queries, persists data across restarts, and stops idempotently', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dataDir(), log });
    try {
      expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/starhold$/);
      expect(first.url).toContain(`:${first.port}/`);
      expect(first.dataDir).toBe(dataDir());
      expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      await query(first.url, 'create table kept (id int primary key, name text not null)');
      await query(first.url, "insert into kept values (1, 'first run')");
    } finally {
      await first.stop();
    }
    await first.stop(); // idempotent

    const pwFile = path.join(dataDir(), 'pg-password');
    expect((await stat(pwFile)).mode & 0o777).toBe(0o600);
    const password = (await readFile(pwFile, 'utf8')).trim();

    const second = await startEmbeddedPostgres({ dataDir: dataDir(), log });
    try {
      expect(second.url).toContain(`postgres:${password}@`);
      expect(await query(second.url, 'select id, name from kept')).toEqual([{ id: 1, name: 'first run' }]);
    } finally {
      await second.stop();
    }
  });

  it('removes a postmaster.pid left by a process that is gone', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const pidFile = path.join(dataDir(), 'pg', 'postmaster.pid');
    await writeFile(pidFile, `${gone.pid}\n${path.join(dataDir(), 'pg')}\n0\n1\n`);

    const db = await startEmbeddedPostgres({ dataDir: dataDir(), log });
    try {
      expect(await query(db.url, 'select count(*)::int as n from kept')).toEqual([{ n: 1 }]);
    } finally {
      await db.stop();
    }
  });

  it('rejects with a real message, including postgres output, when postgres cannot start', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const error = await startEmbeddedPostgres({ dataDir: dataDir(), log, port }).then(
        () => {
          throw new Error('expected startEmbeddedPostgres to fail');
        },
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`could not start embedded PostgreSQL`);
      expect((error as Error).message).toContain('Address already in use');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('recovers a cluster orphaned by kill -9 of the process that started it', async () => {
    const crashDir = path.join(root, 'crash');
    const child = await startChild(crashDir);
    const postmasterPid = Number.parseInt((await readFile(path.join(crashDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
    await child.kill();

    // The scenario is real: the child is gone but its postgres still serves on the old port.
    expect(await isProcessRunning(child.info.pid)).toBe(false);
    expect(await isProcessRunning(postmasterPid)).toBe(true);
    expect(await query(child.info.url, 'select count(*)::int as n from crash_marker')).toEqual([{ n: 1 }]);

    const db = await startEmbeddedPostgres({ dataDir: crashDir, log });
    try {
      expect(await isProcessRunning(postmasterPid)).toBe(false);
      expect(await query(db.url, 'select note from crash_marker')).toEqual([{ note: 'written before kill -9' }]);
      expect(logs.some((l) => l.includes(`stopping orphaned postgres (pid ${postmasterPid})`))).toBe(true);
    } finally {
      await db.stop();
    }
  });
});

describe('createTestDatabase', () => {
  it('creates an isolated database on the suite server and drops it', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    expect(a.url).not.toBe(b.url);
    try {
      await query(a.url, 'create table only_in_a (x int)');
      await expect(query(b.url, 'select * from only_in_a')).rejects.toThrow(/only_in_a/);
    } finally {
      await b.drop();
    }
    await a.drop();
    await a.drop(); // idempotent
    const name = new URL(a.url).pathname.slice(1);
    const admin = process.env.STARHOLD_TEST_DATABASE_URL ?? '';
    expect(await query(admin, `select datname from pg_database where datname = '${name}'`)).toEqual([]);
  });
});
