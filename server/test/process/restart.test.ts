// The built server as an operator runs it (`node server/dist/main.js serve`, what `npm start` ends
// in): embedded PostgreSQL in a fresh data folder, data kept across a clean restart, and a clean
// start after `kill -9` left the old postmaster orphaned. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../src/db/free-port.js';
import { isProcessRunning } from '../../src/db/stale-postmaster.js';
import { waitFor } from '../support/wait-for.js';

const distMain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const START_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 120_000;
const PLAYER = { username: 'survivor', password: 'correct-horse-battery' };

interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let root = '';
let dataDir = '';
const started: ServerProcess[] = [];

function spawnServer(port: number): ServerProcess {
  if (!existsSync(distMain)) {
    throw new Error(`${distMain} is missing: run \`npm run build\` before this test (it starts the built server)`);
  }
  // Only what an operator sets: no DATABASE_URL, so the server starts its embedded PostgreSQL.
  const env = { PATH: process.env.PATH ?? '', HOME: root, PORT: String(port), STARHOLD_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, [distMain, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const proc = { child, url: `http://127.0.0.1:${port}`, output: () => out.split('\n').slice(-40).join('\n'), exited };
  started.push(proc);
  return proc;
}

/** Polls /api/v1/health until it says ok; fails early (with the server's output) if the process exits. */
async function waitHealthy(p: ServerProcess): Promise<Record<string, unknown>> {
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void p.exited.then((e) => {
    exit = e;
  }); // `exited` never rejects
  const health = async (): Promise<Record<string, unknown> | null> => {
    if (exit) throw new Error(`server exited before it was healthy (code ${exit.code}, signal ${exit.signal}):\n${p.output()}`);
    const res = await fetch(`${p.url}/api/v1/health`).catch(() => null);
    return res?.status === 200 ? ((await res.json()) as Record<string, unknown>) : null;
  };
  try {
    return (await waitFor(health, {
      what: 'health ok',
      until: (b) => b?.status === 'ok' && b.db === 'ok',
      timeoutMs: START_TIMEOUT_MS,
      intervalMs: 200,
    }))!;
  } catch (e) {
    if (exit) throw e; // its message has the output already
    throw new Error(`server not healthy after ${START_TIMEOUT_MS / 1000} s:\n${p.output()}`, { cause: e });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field
async function post(p: ServerProcess, route: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(p.url + route, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function postmasterPid(): Promise<number | null> {
  const text = await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => null);
  return text === null ? null : Number.parseInt(text.split('\n')[0] ?? '', 10);
}

async function stopWithSigterm(p: ServerProcess): Promise<void> {
  p.child.kill('SIGTERM');
  const exit = await p.exited;
  expect({ exit, output: exit.code === 0 ? '' : p.output() }).toEqual({ exit: { code: 0, signal: null }, output: '' });
}

beforeAll(async () => {
  // Under /tmp and 0755 so that, when running as root, the `postgres` user can reach the cluster.
  root = await mkdtemp(path.join('/tmp', 'starhold-restart-'));
  await chmod(root, 0o755);
  dataDir = path.join(root, 'data');
});

afterAll(async () => {
  // Whatever a failed step left behind: our server processes, then an orphaned postmaster of our data folder.
  for (const p of started) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
  const pid = dataDir ? await postmasterPid() : null;
  if (pid && (await isProcessRunning(pid))) {
    process.kill(pid, 'SIGINT');
    const stopped = await waitFor(async () => !(await isProcessRunning(pid)), { what: `postmaster ${pid} to stop`, intervalMs: 100 }).catch(
      () => false,
    );
    if (!stopped) process.kill(pid, 'SIGKILL');
  }
  if (root) await rm(root, { recursive: true, force: true });
});

describe('node server/dist/main.js serve on embedded PostgreSQL', () => {
  let playerId = 0;
  let accessToken = '';

  it(
    'starts on a fresh data folder, answers /api/v1/health, and stops cleanly on SIGTERM',
    async () => {
      const first = spawnServer(await findFreePort());
      const health = await waitHealthy(first);
      expect(health).toMatchObject({ status: 'ok', db: 'ok' });

      const reg = await post(first, '/api/v1/auth/register', PLAYER);
      expect(reg.status).toBe(201);
      playerId = reg.body.player.id;
      accessToken = reg.body.accessToken;

      const pgPid = await postmasterPid();
      expect(pgPid).toEqual(expect.any(Number));
      await stopWithSigterm(first);
      // Its PostgreSQL went down with it.
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      expect(await isProcessRunning(pgPid ?? 0)).toBe(false);
      expect(existsSync(path.join(dataDir, 'server.json'))).toBe(false);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a second start reuses the data: the player logs in, and old access tokens stay valid',
    async () => {
      const second = spawnServer(await findFreePort());
      await waitHealthy(second);
      const login = await post(second, '/api/v1/auth/login', PLAYER);
      expect(login.status).toBe(200);
      expect(login.body.player).toEqual({ id: playerId, username: PLAYER.username });
      // The JWT secret was generated once and kept in the data folder.
      const me = await fetch(`${second.url}/api/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
      expect(me.status).toBe(200);

      // kill -9: the server cannot stop its postgres, which keeps running on the data folder.
      const orphan = await postmasterPid();
      second.child.kill('SIGKILL');
      expect(await second.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await isProcessRunning(orphan ?? 0)).toBe(true);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a start after kill -9 takes over the data folder; the player still logs in',
    async () => {
      const orphan = await postmasterPid();
      const third = spawnServer(await findFreePort());
      await waitHealthy(third);
      expect(await isProcessRunning(orphan ?? 0)).toBe(false);
      const fresh = await postmasterPid();
      expect(fresh).not.toBe(orphan);
      expect(await isProcessRunning(fresh ?? 0)).toBe(true);

      const login = await post(third, '/api/v1/auth/login', PLAYER);
      expect(login.status).toBe(200);
      expect(login.body.player.id).toBe(playerId);

      await stopWithSigterm(third);
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      expect(await isProcessRunning(fresh ?? 0)).toBe(false);
    },
    STEP_TIMEOUT_MS,
  );
});
