// The admin CLI on the embedded PostgreSQL: it must join the cluster of a server that runs on the
// same data folder (never start a second postgres there, which would stop the server's), and
// start/stop the cluster itself when no server runs. Also proves the built binary end to end.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { isProcessRunning } from '../../src/db/stale-postmaster.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { adminCli, cliEnv, jsonOf, TEST_JWT_SECRET } from './support.js';

const distMain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

let root = '';
let dataDir = '';
let server: RunningServer;
let admin: ReturnType<typeof adminCli>;

async function postmaster(): Promise<{ pid: number; port: number } | null> {
  const text = await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

const health = async (): Promise<number> => (await fetch(`${server.url}/api/v1/health`)).status;

/** Runs the compiled binary like an operator would, with only the data folder configured. */
function runBinary(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(distMain)) throw new Error(`${distMain} is missing: run \`npm run build\` before this test`);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, STARHOLD_DATA_DIR: dataDir, STARHOLD_JWT_SECRET: TEST_JWT_SECRET };
  const child = spawn(process.execPath, [distMain, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  // Under /tmp and 0755 so that, when running as root, the `postgres` user can reach the cluster.
  root = await mkdtemp(path.join('/tmp', 'starhold-cli-embedded-'));
  await chmod(root, 0o755);
  dataDir = path.join(root, 'data');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STARHOLD_DATA_DIR: dataDir,
    STARHOLD_JWT_SECRET: TEST_JWT_SECRET,
    STARHOLD_BCRYPT_COST: '4',
    STARHOLD_TICK_MS: '0',
    LOG_LEVEL: 'silent',
  });
  server = await startServer({ config, logger: createLogger('silent') });
  admin = adminCli(cliEnv(undefined, { STARHOLD_DATA_DIR: dataDir }));
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('admin CLI on the embedded PostgreSQL', () => {
  it('joins the cluster of the server running on the same data folder instead of starting a second postgres', async () => {
    const announced = JSON.parse(await readFile(path.join(dataDir, 'server.json'), 'utf8'));
    expect(announced).toEqual({ pid: process.pid, pgPort: expect.any(Number), database: 'starhold', startedAt: expect.any(String) });
    const pg = await postmaster();
    expect(pg?.port).toBe(announced.pgPort);

    const created = jsonOf(await admin('players', 'create', 'ivy', '--password', 'correct-horse-battery', '--json'));
    expect(jsonOf(await admin('stats', '--json')).players.total).toBe(1);

    // Same database as the server, and the server's postgres is untouched.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ivy', password: 'correct-horse-battery' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { player: { id: number } }).player.id).toBe(created.id);
    expect(await postmaster()).toEqual(pg);
    expect(await isProcessRunning(pg?.pid ?? 0)).toBe(true);
    expect(await health()).toBe(200);
  });

  it('the built binary (node server/dist/main.js admin stats --json) works against the running server', async () => {
    const pg = await postmaster();
    const r = await runBinary(['admin', 'stats', '--json']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const stats = JSON.parse(r.stdout);
    expect(stats.players).toEqual({ total: 1, banned: 0, seenLast24h: 0 });
    expect(stats.planets).toBe(1);

    const unknown = await runBinary(['admin', 'ban', 'nobody']);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'error: no player named "nobody"\n' });

    expect(await postmaster()).toEqual(pg);
    expect(await health()).toBe(200);
  });

  it('without a running server it starts the cluster itself and stops it again; a stale server.json is ignored', async () => {
    const pg = await postmaster();
    await server.close();
    expect(existsSync(path.join(dataDir, 'server.json'))).toBe(false);
    expect(await postmaster()).toBeNull();
    expect(await isProcessRunning(pg?.pid ?? 0)).toBe(false);

    // A server that died without cleaning up: its pid is gone, so the file must not be trusted.
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(path.join(dataDir, 'server.json'), JSON.stringify({ pid: gone.pid, pgPort: 1, database: 'starhold', startedAt: '' }));

    const stats = jsonOf(await admin('stats', '--json'));
    expect(stats.players.total).toBe(1);
    expect(await postmaster()).toBeNull(); // stopped again
  });
});
