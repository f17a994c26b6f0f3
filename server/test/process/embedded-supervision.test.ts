// The built server on its embedded PostgreSQL (`node server/dist/main.js serve`, no DATABASE_URL):
// `kill -9` of the postmaster under command load. The server restarts it by itself, health goes
// 503 → 200, every command that was answered (applied or rejected) is still in the database, and
// the tick loop takes the lead again. When restarting is impossible it exits 1 with a clear
// message after STARHOLD_DB_MAX_RESTARTS tries. Needs `npm run build` first.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findFreePort } from '../../src/db/free-port.js';
import { isProcessRunning } from '../../src/db/stale-postmaster.js';

const distMain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const PLAYERS = 3;
const BUILDINGS = ['metalMine', 'crystalMine', 'solarPlant', 'deuteriumSynthesizer'];

interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}
type Acked = Map<number, string>; // seq -> status the server answered (applied / rejected)

let root = '';
let dataDir = '';
const started: ServerProcess[] = [];

function spawnServer(port: number, env: Record<string, string> = {}): ServerProcess {
  if (!existsSync(distMain)) throw new Error(`${distMain} is missing: run \`npm run build\` before this test`);
  const child = spawn(process.execPath, [distMain, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: root,
      PORT: String(port),
      HOST: '127.0.0.1',
      STARHOLD_DATA_DIR: dataDir,
      STARHOLD_BCRYPT_COST: '4',
      STARHOLD_TICK_MS: '100',
      STARHOLD_COMMAND_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const p = { child, url: `http://127.0.0.1:${port}`, output: () => out.split('\n').slice(-60).join('\n'), exited };
  started.push(p);
  return p;
}

const healthOf = async (p: ServerProcess): Promise<number> => (await fetch(`${p.url}/api/v1/health`).catch(() => null))?.status ?? 0;

/** Polls health until it answers `status`; fails with the server's output after `ms` or if it exits. */
async function waitHealth(p: ServerProcess, status: number, ms: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (p.child.exitCode !== null) throw new Error(`server exited (${p.child.exitCode}) while waiting for health ${status}:\n${p.output()}`);
    if ((await healthOf(p)) === status) return Date.now() - t0;
    await delay(50);
  }
  throw new Error(`health did not answer ${status} within ${ms / 1000} s:\n${p.output()}`);
}

async function postmasterPid(): Promise<number> {
  const text = await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
  return Number.parseInt(text.split('\n')[0] ?? '', 10);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field
async function post(p: ServerProcess, route: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(p.url + route, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** A client that sends its commands one after the other and resends a seq until it gets an answer, like the real one. */
async function playerLoad(
  p: ServerProcess,
  token: string,
  planetId: number,
  clientId: string,
  stop: () => boolean,
  acked: Acked,
  unexpected: string[],
): Promise<void> {
  for (let seq = 1; !stop(); seq++) {
    const envelope = { clientId, seq, type: 'buildings.upgrade', payload: { planetId, building: BUILDINGS[seq % BUILDINGS.length] } };
    for (;;) {
      const r = await post(p, '/api/v1/commands', envelope, token).catch(() => null);
      if (r === null || r.status === 503 || r.status === 429) {
        await delay(250); // sooner than Retry-After, but not a storm of connections into a recovering postgres
        continue;
      }
      const status: unknown = r.body.status === 'duplicate' ? r.body.original : r.body.status;
      if (status !== 'applied' && status !== 'rejected') unexpected.push(`${r.status} ${JSON.stringify(r.body)}`);
      acked.set(seq, String(status));
      break;
    }
  }
}

async function databaseClient(): Promise<pg.Client> {
  const server = JSON.parse(await readFile(path.join(dataDir, 'server.json'), 'utf8')) as { pgPort: number };
  const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
  const c = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'postgres', password, database: 'starhold' });
  await c.connect();
  return c;
}

beforeAll(async () => {
  // Under /tmp and 0755 so that, when running as root, the `postgres` user can reach the cluster.
  root = await mkdtemp(path.join('/tmp', 'starhold-supervision-'));
  await chmod(root, 0o755);
  dataDir = path.join(root, 'data');
});

/** Kills what a failed step left running (so the next step can start on the data folder). */
async function killLeftovers(): Promise<void> {
  for (const p of started) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
}

afterEach(killLeftovers);

afterAll(async () => {
  await killLeftovers();
  const pid = dataDir ? await postmasterPid().catch(() => 0) : 0;
  if (pid && (await isProcessRunning(pid))) process.kill(pid, 'SIGKILL');
  if (root) await rm(root, { recursive: true, force: true });
});

describe('supervised embedded PostgreSQL', () => {
  it('restarts a postmaster killed under load: health 503 → 200, no answered command lost, the tick leads again', async () => {
    const server = spawnServer(await findFreePort());
    await waitHealth(server, 200, 90_000);
    const players: { id: number; token: string; planetId: number; clientId: string; acked: Acked }[] = [];
    for (let i = 0; i < PLAYERS; i++) {
      const reg = await post(server, '/api/v1/auth/register', { username: `load${i}`, password: 'correct-horse-battery' });
      expect(reg.status).toBe(201);
      const me = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${reg.body.accessToken}` } });
      const planetId = ((await me.json()) as { planets: { id: number }[] }).planets[0]!.id;
      players.push({
        id: reg.body.player.id as number,
        token: reg.body.accessToken as string,
        planetId,
        clientId: `load-client-${i}`,
        acked: new Map(),
      });
    }

    let stopLoad = false;
    const unexpected: string[] = [];
    const load = Promise.all(players.map((pl) => playerLoad(server, pl.token, pl.planetId, pl.clientId, () => stopLoad, pl.acked, unexpected)));
    const answered = () => players.reduce((n, pl) => n + pl.acked.size, 0);
    while (answered() < 30) await delay(20);

    const killed = await postmasterPid();
    const killedAt = new Date();
    process.kill(killed, 'SIGKILL');
    const answeredAtKill = answered();
    await waitHealth(server, 503, 10_000);
    const down = await fetch(`${server.url}/api/v1/health`);
    expect(down.status === 503 ? down.headers.get('retry-after') : 'back too soon').toBe('5');
    await waitHealth(server, 200, 60_000);
    const restarted = await postmasterPid();
    expect(restarted).not.toBe(killed);
    expect(await isProcessRunning(restarted)).toBe(true);

    // Commands go through again after the restart.
    const answeredAtRecovery = answered();
    while (answered() < answeredAtRecovery + 30) {
      if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
      await delay(20);
    }
    stopLoad = true;
    await load;
    expect(answered()).toBeGreaterThan(answeredAtKill);
    expect(unexpected.slice(0, 5)).toEqual([]);

    const db = await databaseClient();
    try {
      for (const pl of players) {
        const { rows } = await db.query<{ seq: string; status: string }>(
          'select seq, status from command_log where player_id = $1 and client_id = $2',
          [pl.id, pl.clientId],
        );
        const stored = new Map(rows.map((r) => [Number(r.seq), r.status]));
        const lost = [...pl.acked].filter(([seq, status]) => stored.get(seq) !== status);
        expect({ player: pl.clientId, lost }).toEqual({ player: pl.clientId, lost: [] });
        const cursor = await db.query<{ last_seq: string }>(
          'select last_seq::int as last_seq from client_cursor where player_id = $1 and client_id = $2',
          [pl.id, pl.clientId],
        );
        expect(cursor.rows).toEqual([{ last_seq: Math.max(...pl.acked.keys()) }]);
        expect(pl.acked.size).toBeGreaterThan(0);
      }
      // The tick loop re-acquired its lock on a new connection and ticks on the restarted cluster.
      const deadline = Date.now() + 20_000;
      let ticksAfter = 0;
      while (ticksAfter === 0 && Date.now() < deadline) {
        const t = await db.query<{ n: number }>('select count(*)::int as n from tick_log where started_at > $1', [
          new Date(killedAt.getTime() + 500),
        ]);
        ticksAfter = t.rows[0]?.n ?? 0;
        if (ticksAfter === 0) await delay(100);
      }
      expect(ticksAfter).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
    expect(server.output()).toMatch(/embedded PostgreSQL restarted/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(await isProcessRunning(restarted)).toBe(false);
  }, 240_000);

  it('gives up after STARHOLD_DB_MAX_RESTARTS failed restarts: exit 1 with the reason', async () => {
    const server = spawnServer(await findFreePort(), { STARHOLD_DB_MAX_RESTARTS: '2' });
    await waitHealth(server, 200, 90_000);
    // Makes every restart fail: the cluster cannot be started without its password file.
    const passwordFile = path.join(dataDir, 'pg-password');
    await rename(passwordFile, `${passwordFile}.away`);
    try {
      process.kill(await postmasterPid(), 'SIGKILL');
      const code = await Promise.race([server.exited, delay(60_000, 'still running', { ref: false })]);
      expect({ code }).toEqual({ code: 1 });
      expect(server.output()).toMatch(
        /fatal: embedded PostgreSQL in .* could not be kept running: 2 restart\(s\) in a row failed \(last error: .*password file .* is missing/,
      );
    } finally {
      await rename(`${passwordFile}.away`, passwordFile);
    }
  }, 180_000);
});
