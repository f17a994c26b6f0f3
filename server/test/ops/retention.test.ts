// Retention of command_log, applied_event, idempotency_key and tick_log (server/src/retention): with the
// manual clock, old rows go and recent ones stay; every client keeps its newest seqs whatever
// their age; a command whose log row is gone answers `duplicate` (original unknown) and is never
// applied twice; only one node prunes at a time; the server's periodic job does it by itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withPgClient } from '../../src/db/pg-client.js';
import { runTick } from '../../src/game/tick.js';
import { RECORDS_PRUNE_LOCK_KEY, pruneRecords } from '../../src/retention/records.js';
import { retentionPlugin, type RetentionPlugin } from '../../src/retention/plugin.js';
import { startTestServer, type TestServer } from '../harness.js';
import { cursorOf, planetRow, queueRows, sql } from '../support/game-sql.js';
import { waitFor } from '../support/wait-for.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KEEP = 2;
const LONG_TOKENS = { STARHOLD_ACCESS_TOKEN_TTL_S: String(60 * 24 * 3600) };

interface LogRow {
  client_id: string;
  seq: string;
}

describe('record retention', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { ...LONG_TOKENS, STARHOLD_COMMAND_LOG_KEEP_PER_CLIENT: String(KEEP) } });
  });
  afterAll(async () => t?.stop());

  const command = (token: string, clientId: string, seq: number, payload: { planetId: number; building: string }) =>
    t.api.post('/api/v1/commands', { clientId, seq, type: 'buildings.upgrade', payload }, token);
  const logOf = async (playerId: number) =>
    (await sql<LogRow>(t, 'select client_id, seq from command_log where player_id = ? order by client_id, seq', [playerId])).map(
      (r) => `${r.client_id}#${r.seq}`,
    );

  it("prunes command_log rows past retention except each client's newest seqs; a pruned seq is never applied again", async () => {
    expect(t.config.commandLogRetentionHours).toBe(7 * 24);
    const a = await t.api.register('keeper');
    // Client ids chosen so that a kept old row (OLD_B#1) comes first in the prune's walk.
    const OLD_A = 'zzzz-client-a';
    const OLD_B = 'aaaa-client-b';
    const NEW_C = 'mmmm-client-c';
    const at = (building: string) => ({ planetId: a.planetId, building });
    expect((await command(a.token, OLD_A, 1, at('nope'))).body).toMatchObject({ status: 'rejected', error: { code: 'UNKNOWN_BUILDING' } });
    for (const [seq, building] of [
      [2, 'metalMine'],
      [3, 'crystalMine'],
      [4, 'solarPlant'],
      [5, 'metalMine'],
    ] as const) {
      expect((await command(a.token, OLD_A, seq, at(building))).body.status).toBe('applied');
    }
    const lastApplied = await command(a.token, OLD_A, 6, at('nope'));
    expect(lastApplied.body.status).toBe('rejected');
    expect((await command(a.token, OLD_B, 1, at('nope'))).body.status).toBe('rejected');
    const seq5Answer = (await command(a.token, OLD_A, 5, at('metalMine'))).body;
    expect(seq5Answer).toMatchObject({ status: 'duplicate', original: 'applied', result: { queueItem: { target: 'metalMine', level: 2 } } });

    t.clock.advance(8 * DAY);
    for (const seq of [1, 2, 3]) expect((await command(a.token, NEW_C, seq, at('nope'))).body.status).toBe('rejected');
    const before = await logOf(a.playerId);
    expect(before).toHaveLength(10);

    // Tiny batches: the walk goes on past batches that delete nothing.
    const pruned = await pruneRecords(t.services, { batch: 2 });
    expect(pruned.commandLog).toBe(4);
    expect(await logOf(a.playerId)).toEqual([
      `${OLD_B}#1`, // old, but its client's newest seq
      `${NEW_C}#1`,
      `${NEW_C}#2`,
      `${NEW_C}#3`, // recent: kept, window or not
      `${OLD_A}#5`,
      `${OLD_A}#6`, // old, but the newest KEEP seqs of the client
    ]);
    expect((await pruneRecords(t.services, { batch: 2 })).commandLog).toBe(0);

    // Resending pruned seqs: `duplicate`, original unknown; nothing runs again, nothing is logged.
    const queue = await queueRows(t, { planetId: a.planetId }, 'building');
    expect(queue).toHaveLength(4);
    const stored = await planetRow(t, a.planetId);
    for (const seq of [1, 2, 3, 4]) {
      const again = await command(a.token, OLD_A, seq, at('metalMine'));
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { status: 'duplicate', original: 'unknown' } });
    }
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toEqual(queue);
    expect(await planetRow(t, a.planetId)).toEqual(stored);
    expect(await cursorOf(t, a.playerId, OLD_A)).toBe(6);
    expect(await logOf(a.playerId)).toHaveLength(6);
    // Kept seqs still answer what they answered.
    expect((await command(a.token, OLD_A, 5, at('metalMine'))).body).toEqual(seq5Answer);
    expect((await command(a.token, OLD_A, 6, at('metalMine'))).body).toEqual({
      status: 'duplicate',
      original: 'rejected',
      error: lastApplied.body.error,
    });
    expect((await command(a.token, OLD_B, 1, at('metalMine'))).body).toMatchObject({ status: 'duplicate', original: 'rejected' });
    // The next new seq still runs normally.
    expect((await command(a.token, OLD_A, 7, at('nope'))).body.status).toBe('rejected');
  });

  it('forgets Idempotency-Keys after 24 hours: the old key then acts as a new request', async () => {
    const p = await t.api.register('idem-keeper');
    const path = (b: string) => `/api/v1/planets/${p.planetId}/buildings/${b}/upgrade`;
    const keyed = (b: string, key: string) => t.api.post(path(b), undefined, p.token, { 'Idempotency-Key': key });
    expect((await keyed('metalMine', 'old-key')).status).toBe(202);
    t.clock.advance(23 * HOUR);
    const recent = await keyed('crystalMine', 'new-key');
    expect(recent.status).toBe(202);
    t.clock.advance(2 * HOUR);

    expect((await pruneRecords(t.services)).idempotencyKeys).toBe(1);
    expect(await sql(t, 'select key from idempotency_key where player_id = ?', [p.playerId])).toEqual([{ key: 'new-key' }]);
    const replay = await keyed('crystalMine', 'new-key');
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body).toEqual(recent.body);
    const reused = await keyed('metalMine', 'old-key');
    expect(reused.status).toBe(202);
    expect(reused.headers.get('Idempotent-Replayed')).toBeNull();
    expect(reused.body.queueItem).toMatchObject({ target: 'metalMine', level: 2 });
  });

  it('prunes applied_event records older than 7 days', async () => {
    const p = await t.api.register('applied-keeper');
    /** Queues a building and ticks until it is applied; returns its event id. */
    const built = async (b: string): Promise<number> => {
      expect((await t.api.post(`/api/v1/planets/${p.planetId}/buildings/${b}/upgrade`, undefined, p.token)).status).toBe(202);
      const [event] = await sql<{ id: string }>(t, `select id from scheduled_event where kind = 'building.complete' and planet_id = ?`, [p.planetId]);
      t.clock.advance(HOUR);
      await runTick(t.services);
      return Number(event!.id);
    };
    const kept = async (ids: number[]) =>
      (await sql<{ id: string }>(t, 'select id from applied_event where id = any(?::bigint[]) order by id', [`{${ids.join(',')}}`])).map((r) =>
        Number(r.id),
      );
    const old = await built('metalMine');
    t.clock.advance(6 * DAY);
    const recent = await built('crystalMine');
    expect(await kept([old, recent])).toEqual([old, recent]);

    t.clock.advance(DAY); // the first is now 7 days and 1 hour old, the second 1 day
    const eligible = await sql<{ n: number }>(t, 'select count(*)::int as n from applied_event where applied_at < ?', [
      new Date(t.clock.now().getTime() - 7 * DAY),
    ]);
    expect(eligible[0]!.n).toBeGreaterThanOrEqual(1);
    expect((await pruneRecords(t.services, { batch: 1 })).appliedEvents).toBe(eligible[0]!.n);
    expect(await kept([old, recent])).toEqual([recent]);
  });

  it('prunes tick_log rows older than 7 days', async () => {
    const first = await runTick(t.services);
    t.clock.advance(6 * DAY);
    const second = await runTick(t.services);
    const ticks = async () =>
      (
        await sql<{ tick: string }>(t, 'select tick from tick_log where tick = any(?::bigint[]) order by tick', [`{${first.tick},${second.tick}}`])
      ).map((r) => Number(r.tick));
    expect(await ticks()).toEqual([first.tick, second.tick]);

    t.clock.advance(DAY + HOUR); // the first is now 7 days and 1 hour old, the second 1 day
    const eligible = await sql<{ n: number }>(t, 'select count(*)::int as n from tick_log where started_at < ?', [
      new Date(t.clock.now().getTime() - 7 * DAY),
    ]);
    expect(eligible[0]!.n).toBeGreaterThanOrEqual(1);
    expect((await pruneRecords(t.services, { batch: 1 })).tickLog).toBe(eligible[0]!.n);
    expect(await ticks()).toEqual([second.tick]);
  });

  it('leaves the work to the node that holds the prune lock', async () => {
    const p = await t.api.register('lock-keeper');
    expect(
      (await t.api.post(`/api/v1/planets/${p.planetId}/buildings/metalMine/upgrade`, undefined, p.token, { 'Idempotency-Key': 'locked' })).status,
    ).toBe(202);
    t.clock.advance(25 * HOUR);
    const keys = () => sql(t, 'select key from idempotency_key where player_id = ?', [p.playerId]);
    await withPgClient({ connectionString: t.dbUrl }, async (other) => {
      await other.query('select pg_advisory_lock($1)', [RECORDS_PRUNE_LOCK_KEY]);
      expect(await pruneRecords(t.services)).toEqual({ commandLog: 0, appliedEvents: 0, idempotencyKeys: 0, tickLog: 0 });
      expect(await keys()).toEqual([{ key: 'locked' }]);
      await other.query('select pg_advisory_unlock($1)', [RECORDS_PRUNE_LOCK_KEY]);
    });
    // A stopping server does not start another batch.
    const stopping = new AbortController();
    stopping.abort();
    expect(await pruneRecords(t.services, { signal: stopping.signal })).toEqual({ commandLog: 0, appliedEvents: 0, idempotencyKeys: 0, tickLog: 0 });
    expect(await keys()).toEqual([{ key: 'locked' }]);
    const eligible = await sql<{ n: number }>(t, 'select count(*)::int as n from idempotency_key where created_at < ?', [
      new Date(t.clock.now().getTime() - 24 * HOUR),
    ]);
    expect((await pruneRecords(t.services)).idempotencyKeys).toBe(eligible[0]!.n);
    expect(await keys()).toEqual([]);
  });
});

describe('the retention job of a running server', () => {
  let t: TestServer;
  let plugin: RetentionPlugin;
  beforeAll(async () => {
    t = await startTestServer({
      env: { ...LONG_TOKENS, STARHOLD_RETENTION_PRUNE_MS: '20' },
      plugins: () => {
        plugin = retentionPlugin();
        return [plugin];
      },
    });
  });
  afterAll(async () => t?.stop());

  it('prunes every STARHOLD_RETENTION_PRUNE_MS without being asked', async () => {
    const p = await t.api.register('timer-keeper');
    expect(
      (await t.api.post(`/api/v1/planets/${p.planetId}/buildings/metalMine/upgrade`, undefined, p.token, { 'Idempotency-Key': 'tick-tock' })).status,
    ).toBe(202);
    const keys = () => sql(t, 'select key from idempotency_key where player_id = ?', [p.playerId]);
    expect(await keys()).toEqual([{ key: 'tick-tock' }]);
    t.clock.advance(25 * HOUR);
    expect(await waitFor(keys, { what: 'the retention job to prune the key', until: (rows) => rows.length === 0, intervalMs: 20 })).toEqual([]);
    expect(await plugin.prune()).toEqual({ commandLog: 0, appliedEvents: 0, idempotencyKeys: 0, tickLog: 0 });
  });
});
