// SIGKILL of the built server (`node server/dist/main.js serve`) with clients connected and
// commands in flight; after a restart on the same port and database every client resyncs, and
// no command is lost or applied twice. Needs `npm run build` first (`npm test` does it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandEnvelope, CommandOutcome } from '@starhold/common';
import { Api } from '../harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { waitFor } from '../support/wait-for.js';
import { findFreePort } from '../../src/db/free-port.js';
import { withPgClient } from '../../src/db/pg-client.js';
import { OutboxClient } from './outbox-client.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const COMMANDS_PER_CLIENT = 60;
const BUILDINGS = ['metalMine', 'crystalMine', 'solarPlant', 'deuteriumSynthesizer'];

interface Child {
  proc: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

describe('realtime gateway: crash and restart', () => {
  let db: TestDatabase;
  let port: number;
  let dataDir: string;
  let child: Child | undefined;
  const clients: OutboxClient[] = [];

  const query = <T>(text: string, params: unknown[] = []) =>
    withPgClient({ connectionString: db.url }, async (c) => (await c.query(text, params)).rows as T[]);

  function spawnServer(): Child {
    const output: string[] = [];
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      STARHOLD_DATA_DIR: dataDir,
      STARHOLD_JWT_SECRET: 'crash-test-secret-crash-test-secret-0123456789',
      STARHOLD_TICK_MS: '50',
      STARHOLD_BCRYPT_COST: '4',
      STARHOLD_AUTH_RATE_LIMIT: '1000',
      STARHOLD_COMMAND_RATE_LIMIT: '100000',
      // Builds take ages and production is negligible, so resources change only by what commands charge.
      STARHOLD_ECONOMY_SPEED: '0.0001',
      LOG_LEVEL: 'warn',
    };
    const proc = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
    return { proc, output, exited };
  }

  async function healthy(c: Child): Promise<void> {
    const ok = async (): Promise<boolean> => {
      if (c.proc.exitCode !== null) throw new Error(`server exited: ${c.output.join('')}`);
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => null); // null: not listening yet
      return r?.status === 200;
    };
    await waitFor(ok, { what: 'the server to answer health 200', timeoutMs: 25_000, intervalMs: 50 });
  }

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before this test`);
    db = await createTestDatabase();
    port = await findFreePort();
    dataDir = mkdtempSync(join(tmpdir(), 'starhold-crash-'));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    if (child && child.proc.exitCode === null) {
      child.proc.kill('SIGTERM');
      await child.exited;
    }
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no command and applies none twice across a SIGKILL with commands in flight', async () => {
    child = spawnServer();
    await healthy(child);
    const api = new Api(`http://127.0.0.1:${port}`);
    // Three players; the first has two installations (two clientIds sharing one stream and planet).
    const players = [await api.register('crash-a'), await api.register('crash-b'), await api.register('crash-c')];
    const owners = [players[0]!, players[0]!, players[1]!, players[2]!];
    const initial = await query<{ id: number; metal: string; crystal: string; deuterium: string }>(
      'select id, metal, crystal, deuterium from planet',
    );

    let killed = false;
    let totalAcks = 0;
    const victim = child;
    const killMidFlight = () => {
      totalAcks++;
      if (!killed && totalAcks >= COMMANDS_PER_CLIENT) {
        killed = true;
        victim.proc.kill('SIGKILL');
      }
    };
    owners.forEach((p, i) => {
      const clientId = `crash-client-${i}-0123456789`;
      const commands: CommandEnvelope[] = Array.from({ length: COMMANDS_PER_CLIENT }, (_, k) => ({
        clientId,
        seq: k + 1,
        type: 'buildings.upgrade',
        payload: { planetId: p.planetId, building: BUILDINGS[(k + i) % BUILDINGS.length] },
      }));
      const resendFrom = i % 2 === 0 ? 'cursor' : 'start';
      clients.push(new OutboxClient({ url: api.baseUrl, token: p.token, clientId, commands, window: 4, onAck: killMidFlight, resendFrom }));
    });

    await victim.exited;
    expect(killed).toBe(true);
    const answeredBeforeKill = clients.map((c) => c.answered);
    expect(answeredBeforeKill.reduce((a, b) => a + b, 0)).toBeLessThan(clients.length * COMMANDS_PER_CLIENT);
    await Promise.all(clients.map((c) => c.waitForDisconnect()));
    expect(clients.reduce((n, c) => n + (c.inFlightAtDisconnect[0] ?? 0), 0)).toBeGreaterThan(0);

    child = spawnServer();
    await healthy(child);
    await Promise.all(clients.map((c) => c.whenDone()));

    // Every client resynced on a second connection that told it what had been applied.
    for (const [i, c] of clients.entries()) {
      expect(c.hellos.length).toBeGreaterThanOrEqual(2);
      // Clients that resent everything got the stored answers, not a second application.
      if (i % 2 === 1) expect(c.duplicates).toBeGreaterThanOrEqual(answeredBeforeKill[i]!);
      expect(c.hellos.at(-1)!.clientCursor).toBeGreaterThanOrEqual(answeredBeforeKill[i]!);
      expect(c.problems).toEqual([]);
      expect(c.snapshots).toBe(0);
    }

    // Exactly once: every seq of every client is in command_log once, and the cursor is at the end.
    for (const [i, p] of owners.entries()) {
      const rows = await query<{ seq: string; status: string; outcome: CommandOutcome }>(
        'select seq, status, outcome from command_log where player_id = $1 and client_id = $2 order by seq',
        [p.playerId, `crash-client-${i}-0123456789`],
      );
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: COMMANDS_PER_CLIENT }, (_, k) => k + 1));
      const cursor = await query<{ last_seq: string }>('select last_seq from client_cursor where player_id = $1 and client_id = $2', [
        p.playerId,
        `crash-client-${i}-0123456789`,
      ]);
      expect(Number(cursor[0]?.last_seq)).toBe(COMMANDS_PER_CLIENT);
    }

    // Charged exactly once per applied command: resources = initial - Σ applied costs; one queue item each.
    for (const p of players) {
      const applied = await query<{ outcome: { result: { queueItem: { cost: { metal: number; crystal: number; deuterium: number } } } } }>(
        `select outcome from command_log where player_id = $1 and status = 'applied'`,
        [p.playerId],
      );
      expect(applied.length).toBeGreaterThan(0);
      const spent = applied.reduce(
        (acc, r) => {
          const c = r.outcome.result.queueItem.cost;
          return { metal: acc.metal + c.metal, crystal: acc.crystal + c.crystal, deuterium: acc.deuterium + c.deuterium };
        },
        { metal: 0, crystal: 0, deuterium: 0 },
      );
      const start = initial.find((r) => r.id === p.planetId)!;
      const now = (
        await query<{ metal: string; crystal: string; deuterium: string }>('select metal, crystal, deuterium from planet where id = $1', [p.planetId])
      )[0]!;
      expect({ metal: Number(now.metal), crystal: Number(now.crystal), deuterium: Number(now.deuterium) }).toEqual({
        metal: Number(start.metal) - spent.metal,
        crystal: Number(start.crystal) - spent.crystal,
        deuterium: Number(start.deuterium) - spent.deuterium,
      });
      const items = await query<{ n: number }>('select count(*)::int as n from queue_item where planet_id = $1', [p.planetId]);
      expect(items[0]?.n).toBe(applied.length);
    }

    // Each client saw its player's whole stream, in order, without duplicates.
    for (const [i, c] of clients.entries()) {
      const p = owners[i]!;
      const head = Number((await query<{ s: string }>('select event_seq as s from player where id = $1', [p.playerId]))[0]?.s);
      await waitFor(() => c.lastSeq, { what: `client ${i} to reach seq ${head}`, until: (s) => s >= head, intervalMs: 20 });
      expect(c.seqs).toEqual(Array.from({ length: head }, (_, k) => k + 1));
    }
  });
});
