import { describe, expect, it } from '@jest/globals';
import type { CommandAck, SnapshotMessage, StreamEventMessage, SyncedMessage } from '@starhold/common';
import type { TestServer } from '../harness.js';
import { sql } from '../support/game-sql.js';
import { runTick } from '../../src/game/tick.js';
import type { GatewayPlugin } from '../../src/realtime/gateway.js';
import { StreamBatch } from '../../src/modules/stream/stream.js';
import { newClientId, seqsOf, type TestClient } from './client.js';
import { gatewaySuite } from './gateway-suite.js';

/**
 * The names of a client's messages without the side channels (presence batches of other players'
 * connections and rtt probes), which may arrive at any point: what remains is the sync sequence.
 */
function syncMessages(c: { log: { name: string }[] }): string[] {
  return c.log.map((l) => l.name).filter((n) => n !== 'presence' && n !== 'rtt');
}

describe('realtime gateway: commands and the ordered stream', () => {
  let t: TestServer;
  let gw: GatewayPlugin;
  const suite = gatewaySuite({}, (s, g) => {
    t = s;
    gw = g;
  });
  /** Without `lastSeq` the handshake carries none. */
  const connect = (token: string, clientId: string, lastSeq?: number | null): Promise<TestClient> => suite.connect(token, { clientId, lastSeq });
  const upgrade = (clientId: string, seq: number, planetId: number, building = 'metalMine') => ({
    clientId,
    seq,
    type: 'buildings.upgrade',
    payload: { planetId, building },
  });
  const head = async (playerId: number) => Number((await sql<{ s: string }>(t, 'select event_seq as s from player where id = ?', [playerId]))[0]?.s);

  it('says hello first, acks a command like REST and pushes its event', async () => {
    const a = await t.api.register('stream-ack');
    const cid = newClientId();
    const c = await connect(a.token, cid, 0);
    expect(c.log[0]?.name).toBe('hello');
    expect(await c.hello()).toMatchObject({ playerId: a.playerId, username: 'stream-ack', lastSeq: 0, clientCursor: 0 });
    expect(await c.waitFor<SyncedMessage>('synced')).toEqual({ lastSeq: 0, replayed: 0 });

    const ack = await c.command(upgrade(cid, 1, a.planetId));
    expect(ack.status).toBe('applied');
    const ev = await c.waitFor<StreamEventMessage>('event');
    expect(ev).toMatchObject({
      seq: 1,
      type: 'queue.updated',
      data: { planetId: a.planetId, kind: 'building', added: { target: 'metalMine', level: 1 } },
    });
    expect((ev.data as { resources: unknown }).resources).toEqual((ack as { result: { resources: unknown } }).result.resources);

    // The REST endpoint answers the same shape for the same pipeline.
    const rest = await t.api.post('/api/v1/commands', upgrade(newClientId('rest'), 1, a.planetId, 'crystalMine'), a.token);
    expect(rest.status).toBe(200);
    expect(Object.keys(rest.body).sort()).toEqual(Object.keys(ack).sort());
    await c.waitForSeq(2);
    expect(seqsOf(c)).toEqual([1, 2]);
  });

  it('answers duplicates with the stored outcome, gaps with the expected seq, and refuses foreign input', async () => {
    const a = await t.api.register('stream-dup');
    const b = await t.api.register('stream-dup-other');
    const cid = newClientId();
    const c = await connect(a.token, cid, 0);
    const first = await c.command(upgrade(cid, 1, a.planetId));
    expect(first.status).toBe('applied');
    const again = await c.command(upgrade(cid, 1, a.planetId));
    expect(again).toEqual({ status: 'duplicate', original: 'applied', result: (first as { result: unknown }).result });
    expect(await c.command(upgrade(cid, 3, a.planetId))).toEqual({ status: 'gap', expected: 2 });

    const unknown = await c.command(upgrade(cid, 2, a.planetId, 'deathStarFactory'));
    expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'UNKNOWN_BUILDING' } });
    expect(await c.command(upgrade(cid, 2, a.planetId, 'deathStarFactory'))).toMatchObject({
      status: 'duplicate',
      original: 'rejected',
      error: { code: 'UNKNOWN_BUILDING' },
    });
    // Another player's planet is NOT_FOUND, exactly like a missing one.
    expect(await c.command(upgrade(cid, 3, b.planetId))).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
    expect(await c.command(upgrade(cid, 4, 999_999))).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });

    const bad = await c.command({ clientId: cid, seq: 'five', type: 'buildings.upgrade', payload: {} } as never);
    expect(bad).toMatchObject({ status: 'error', error: { code: 'VALIDATION_FAILED' } });
    expect(await c.command(upgrade(newClientId('other'), 1, a.planetId))).toMatchObject({ status: 'error', error: { code: 'CLIENT_MISMATCH' } });

    await c.ping();
    expect(seqsOf(c)).toEqual([1]); // duplicates and rejections wrote nothing
    const rows = await sql<{ n: number }>(t, 'select count(*)::int as n from command_log where player_id = ? and client_id = ?', [a.playerId, cid]);
    expect(rows[0]?.n).toBe(4);
    c.close();
    const again2 = await connect(a.token, cid, 1);
    expect((await again2.hello()).clientCursor).toBe(4);
  });

  it('applies pipelined commands in the order sent and pushes their events in order', async () => {
    const a = await t.api.register('stream-pipe');
    const cid = newClientId();
    const c = await connect(a.token, cid, 0);
    const buildings = ['metalMine', 'crystalMine', 'metalMine'];
    const acks: CommandAck[] = await Promise.all(buildings.map((b, i) => c.command(upgrade(cid, i + 1, a.planetId, b))));
    expect(acks.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
    expect(acks.map((x) => (x as { result: { queueItem: { target: string; level: number } } }).result.queueItem)).toMatchObject([
      { target: 'metalMine', level: 1 },
      { target: 'crystalMine', level: 1 },
      { target: 'metalMine', level: 2 },
    ]);
    // Concurrent REST commands of the same player are streamed contiguously too (the queue holds 5).
    const rest = await Promise.all(
      [1, 2].map((i) => t.api.post('/api/v1/commands', upgrade(newClientId(`r${i}`), 1, a.planetId, 'solarPlant'), a.token)),
    );
    expect(rest.map((r) => r.body.status)).toEqual(['applied', 'applied']);
    await c.waitForSeq(5);
    expect(seqsOf(c)).toEqual([1, 2, 3, 4, 5]);
  });

  it('replays exactly the events missed while disconnected (a building finished meanwhile), then goes live', async () => {
    const a = await t.api.register('stream-replay');
    const cid = newClientId();
    const c1 = await connect(a.token, cid, 0);
    expect((await c1.command(upgrade(cid, 1, a.planetId))).status).toBe('applied');
    await c1.waitForSeq(1);
    c1.close();

    t.clock.advance(3_600_000);
    const tick = await runTick(t.services);
    expect(tick.eventsApplied).toBeGreaterThanOrEqual(1);
    const fresh = await t.api.post('/api/v1/auth/login', { username: 'stream-replay', password: 'correct-horse-battery' });
    await t.api.post('/api/v1/commands', upgrade(newClientId('rest'), 1, a.planetId, 'crystalMine'), fresh.body.accessToken);
    const missed = await head(a.playerId);
    expect(missed).toBe(3);

    const c2 = await connect(fresh.body.accessToken, cid, 1);
    const synced = await c2.waitFor<SyncedMessage>('synced');
    expect(synced).toEqual({ lastSeq: 3, replayed: 2 });
    expect(c2.all('snapshot')).toEqual([]);
    expect(c2.events.map((e) => [e.seq, e.type])).toEqual([
      [2, 'building.completed'],
      [3, 'queue.updated'],
    ]);
    expect(c2.events[0]?.data).toMatchObject({ planetId: a.planetId, building: 'metalMine', level: 1 });
    expect(syncMessages(c2).slice(0, 4)).toEqual(['hello', 'event', 'event', 'synced']);

    expect((await c2.command(upgrade(cid, 2, a.planetId, 'solarPlant'))).status).toBe('applied');
    await c2.waitForSeq(4);
    expect(seqsOf(c2)).toEqual([2, 3, 4]);
  });

  it('sends a snapshot first to a client without state, then live events', async () => {
    const a = await t.api.register('stream-snap');
    const cid = newClientId();
    await t.api.post('/api/v1/commands', upgrade(cid, 1, a.planetId), a.token);
    const c = await connect(a.token, cid);
    const snap = await c.waitFor<SnapshotMessage>('snapshot');
    await c.waitFor('synced');
    expect(syncMessages(c).slice(0, 3)).toEqual(['hello', 'snapshot', 'synced']);
    expect(snap.lastSeq).toBe(1);
    expect(snap.state.player).toMatchObject({ id: a.playerId, username: 'stream-snap' });
    expect(snap.state.planets).toHaveLength(1);
    const planet = snap.state.planets[0];
    expect(planet?.id).toBe(a.planetId);
    expect(planet?.queues.building.map((q) => q.target)).toEqual(['metalMine']);
    const rest = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(planet?.resources).toEqual(rest.body.resources);
    expect(snap.state.research.levels.energy).toBe(0);
    expect(snap.state.research.queue).toEqual([]);
    expect(await c.waitFor<SyncedMessage>('synced')).toEqual({ lastSeq: 1, replayed: 0 });

    expect((await c.command(upgrade(cid, 2, a.planetId, 'crystalMine'))).status).toBe('applied');
    await c.waitForSeq(2);
    expect(seqsOf(c)).toEqual([2]);
  });

  it('fills a gap when commits are published out of order and drops duplicate publishes', async () => {
    const a = await t.api.register('stream-order');
    const c = await connect(a.token, newClientId(), 0);
    await c.waitFor('synced');
    const batch = new StreamBatch();
    await t.services.orm.em.fork().transactional(async (tx) => {
      await batch.append(tx, a.playerId, 'test.first', { n: 1 }, t.clock.now());
      await batch.append(tx, a.playerId, 'test.second', { n: 2 }, t.clock.now());
    });
    const [e1, e2] = batch.events;
    t.services.stream.publish([e2!]);
    t.services.stream.publish([e1!, e2!]);
    t.services.stream.publish([e2!]);
    await c.waitForSeq(2);
    await c.ping();
    expect(c.events.map((e) => [e.seq, e.type, e.data])).toEqual([
      [1, 'test.first', { n: 1 }],
      [2, 'test.second', { n: 2 }],
    ]);
  });

  it('delivers every event once to each socket of a player, including one that joins mid-stream', async () => {
    const a = await t.api.register('stream-multi');
    const cidA = newClientId('a');
    const first = await connect(a.token, cidA, 0);
    await first.command(upgrade(cidA, 1, a.planetId));
    await first.command(upgrade(cidA, 2, a.planetId, 'crystalMine'));
    const second = await connect(a.token, newClientId('b'), 0);
    await second.waitFor('synced');
    await first.command(upgrade(cidA, 3, a.planetId, 'solarPlant'));
    await Promise.all([first.waitForSeq(3), second.waitForSeq(3)]);
    await Promise.all([first.ping(), second.ping()]);
    expect(seqsOf(first)).toEqual([1, 2, 3]);
    expect(seqsOf(second)).toEqual([1, 2, 3]);
    expect(second.all<SyncedMessage>('synced')[0]?.replayed).toBe(2);
  });

  it('sends a snapshot when the client is more events behind than the retention keeps, and prunes them', async () => {
    const a = await t.api.register('stream-count');
    const retention = t.config.streamRetentionEvents;
    await sql(
      t,
      `insert into player_event (player_id, seq, type, data, created_at)
      select ?, g, 'test.filler', '{}'::jsonb, ? from generate_series(1, ?) g`,
      [a.playerId, t.clock.now(), retention + 2],
    );
    await sql(t, 'update player set event_seq = ? where id = ?', [retention + 2, a.playerId]);

    const behind = await connect(a.token, newClientId(), 1);
    const snap = await behind.waitFor<SnapshotMessage>('snapshot');
    expect(snap.lastSeq).toBe(retention + 2);
    expect(await behind.waitFor<SyncedMessage>('synced')).toEqual({ lastSeq: retention + 2, replayed: 0 });

    const near = await connect(a.token, newClientId(), 2);
    expect(await near.waitFor<SyncedMessage>('synced')).toEqual({ lastSeq: retention + 2, replayed: retention });
    expect(near.all('snapshot')).toEqual([]);
    expect(seqsOf(near)).toEqual(Array.from({ length: retention }, (_, i) => i + 3));

    expect(await gw.prune()).toBeGreaterThanOrEqual(2);
    const kept = await sql<{ lo: number; n: number }>(t, 'select min(seq)::int as lo, count(*)::int as n from player_event where player_id = ?', [
      a.playerId,
    ]);
    expect(kept[0]).toEqual({ lo: 3, n: retention });
  });

  it('sends a snapshot when the missed events are older than the retention window', async () => {
    const a = await t.api.register('stream-age');
    const cid = newClientId();
    await t.api.post('/api/v1/commands', upgrade(cid, 1, a.planetId), a.token);
    await t.api.post('/api/v1/commands', upgrade(cid, 2, a.planetId, 'crystalMine'), a.token);
    t.clock.advance((t.config.streamRetentionHours + 1) * 3_600_000);
    const login = await t.api.post('/api/v1/auth/login', { username: 'stream-age', password: 'correct-horse-battery' });
    const token: string = login.body.accessToken;

    const old = await connect(token, cid, 1);
    await old.waitFor('synced');
    expect(syncMessages(old).slice(0, 3)).toEqual(['hello', 'snapshot', 'synced']);
    expect((await old.waitFor<SnapshotMessage>('snapshot')).lastSeq).toBe(2);
    expect(seqsOf(old)).toEqual([]);

    await gw.prune();
    expect(await sql(t, 'select seq from player_event where player_id = ?', [a.playerId])).toEqual([]);
    const upToDate = await connect(token, cid, 2);
    expect(await upToDate.waitFor<SyncedMessage>('synced')).toEqual({ lastSeq: 2, replayed: 0 });
    expect(upToDate.all('snapshot')).toEqual([]);
    expect(await upToDate.hello()).toMatchObject({ lastSeq: 2, clientCursor: 2 });
  });
});
