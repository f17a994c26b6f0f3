import { describe, expect, it } from '@jest/globals';
import type { PresenceEntry, PresenceList } from '@starhold/common';
import type { TestServer } from '../harness.js';
import { sql } from '../support/game-sql.js';
import { waitFor } from '../support/wait-for.js';
import type { GatewayPlugin } from '../../src/realtime/gateway.js';
import type { TestClient } from './client.js';
import { gatewaySuite } from './gateway-suite.js';

const GRACE_MS = 10_000;

describe('realtime gateway: presence', () => {
  let t: TestServer;
  let gw: GatewayPlugin;
  // No periodic presence sweep can fire early: the grace period is judged against the manual clock.
  // Batch window 0: every change goes out at once (batching has its own describe below).
  const { connect } = gatewaySuite({ STARHOLD_PRESENCE_GRACE_MS: String(GRACE_MS), STARHOLD_PRESENCE_BATCH_MS: '0' }, (s, g) => {
    t = s;
    gw = g;
  });
  const presenceOf = (c: TestClient, playerId: number) =>
    c
      .all<PresenceList>('presence')
      .flatMap((m) => m.players)
      .filter((p) => p.playerId === playerId);
  /** The first presence change (after `nth` earlier matches) that satisfies `pred`. */
  const change = async (c: TestClient, pred: (p: PresenceEntry) => boolean, nth = 0): Promise<PresenceEntry> => {
    const m = await c.waitFor<PresenceList>('presence', (b) => b.players.some(pred), nth);
    return m.players.find(pred)!;
  };
  /** The server's socket for a client has processed its disconnect. */
  const gone = async (c: TestClient) => {
    const id = c.socket.id;
    c.close();
    await waitFor(() => !gw.io?.of('/').sockets.has(id ?? ''), { what: `the server to drop socket ${id}`, intervalMs: 5 });
  };

  it('announces online, away and back, and lists who is online', async () => {
    const watcher = await t.api.register('pres-watcher');
    const a = await t.api.register('pres-alice');
    const w = await connect(watcher.token);
    const c = await connect(a.token);
    const online = await change(w, (p) => p.playerId === a.playerId);
    expect(online).toEqual({ playerId: a.playerId, username: 'pres-alice', status: 'online', lastSeenAt: t.clock.now().toISOString() });

    const list = await t.api.get('/api/v1/presence', watcher.token);
    expect(list.status).toBe(200);
    expect(list.body.players.map((p: PresenceEntry) => [p.username, p.status])).toEqual([
      ['pres-watcher', 'online'],
      ['pres-alice', 'online'],
    ]);
    expect((await t.api.get('/api/v1/presence')).status).toBe(401);

    c.socket.emit('presence:idle');
    expect((await change(w, (p) => p.playerId === a.playerId && p.status === 'away')).username).toBe('pres-alice');
    expect((await t.api.get('/api/v1/presence', a.token)).body.players.find((p: PresenceEntry) => p.playerId === a.playerId)?.status).toBe('away');
    c.socket.emit('presence:idle'); // no change, no announcement
    c.socket.emit('presence:active');
    await change(w, (p) => p.playerId === a.playerId && p.status === 'online', 1);
    await c.ping();
    await w.ping();
    expect(presenceOf(w, a.playerId).map((p) => p.status)).toEqual(['online', 'away', 'online']);
  });

  it("delivers a player's own online to its first connection (which joins the universe after hello)", async () => {
    const a = await t.api.register('pres-self');
    const c = await connect(a.token);
    expect(await change(c, (p) => p.playerId === a.playerId)).toEqual({
      playerId: a.playerId,
      username: 'pres-self',
      status: 'online',
      lastSeenAt: t.clock.now().toISOString(),
    });
    // A second connection changes nothing, so it gets no presence of its own player (only changes are sent).
    const second = await connect(a.token);
    await second.ping();
    await c.ping();
    expect(presenceOf(second, a.playerId)).toEqual([]);
    expect(presenceOf(c, a.playerId).map((p) => p.status)).toEqual(['online']);
  });

  it('goes offline only after the grace period, and a reconnect within it does not flap', async () => {
    const watcher = await t.api.register('pres-watcher2');
    const b = await t.api.register('pres-bob');
    const w = await connect(watcher.token);
    const first = await connect(b.token);
    await change(w, (p) => p.playerId === b.playerId);

    await gone(first);
    t.clock.advance(GRACE_MS - 1);
    await gw.sweep();
    const second = await connect(b.token); // back within the grace period
    t.clock.advance(GRACE_MS * 3);
    await gw.sweep();
    await w.ping();
    expect(presenceOf(w, b.playerId).map((p) => p.status)).toEqual(['online']);

    // Two connections: closing one keeps the player online.
    const third = await connect(b.token);
    await gone(second);
    t.clock.advance(GRACE_MS * 3);
    await gw.sweep();
    await w.ping();
    expect(presenceOf(w, b.playerId).map((p) => p.status)).toEqual(['online']);

    const leftAt = t.clock.now();
    await gone(third);
    t.clock.advance(GRACE_MS - 1);
    await gw.sweep();
    await w.ping();
    expect(presenceOf(w, b.playerId).map((p) => p.status)).toEqual(['online']);
    t.clock.advance(1);
    await gw.sweep();
    const offline = await change(w, (p) => p.playerId === b.playerId && p.status === 'offline');
    expect(offline).toEqual({ playerId: b.playerId, username: 'pres-bob', status: 'offline', lastSeenAt: leftAt.toISOString() });
    const listed = await t.api.get('/api/v1/presence', watcher.token);
    expect(listed.body.players.map((p: PresenceEntry) => p.playerId)).not.toContain(b.playerId);
    await w.ping();
    const rows = await sql<{ last_seen_at: Date }>(t, 'select last_seen_at from player where id = ?', [b.playerId]);
    expect(new Date(rows[0]!.last_seen_at).toISOString()).toBe(leftAt.toISOString());
  });

  it('publishes presence counts in /metrics', async () => {
    const m = await t.api.request('GET', '/metrics');
    expect(m.status).toBe(200);
    expect(m.body).toMatch(/starhold_presence_players\{status="online"\} \d+/);
  });
});

describe('realtime gateway: presence batching', () => {
  let t: TestServer;
  let gw: GatewayPlugin;
  // A window far longer than the test: only the leading edge and gw.sweep() (which flushes) send.
  const { connect } = gatewaySuite({ STARHOLD_PRESENCE_BATCH_MS: '60000' }, (s, g) => {
    t = s;
    gw = g;
  });

  it('holds changes within a window and sends them as one message, each player once with its latest status', async () => {
    const watcher = await t.api.register('batch-watcher');
    const [a, b, c] = [await t.api.register('batch-a'), await t.api.register('batch-b'), await t.api.register('batch-c')];
    const w = await connect(watcher.token);
    await gw.sweep(); // whatever was pending is out; a window has begun
    await w.ping();
    const before = w.all<PresenceList>('presence').length;

    const ca = await connect(a.token);
    await connect(b.token);
    await connect(c.token);
    ca.socket.emit('presence:idle');
    const statusOfA = async () =>
      ((await t.api.get('/api/v1/presence', watcher.token)).body as PresenceList).players.find((p) => p.playerId === a.playerId)?.status;
    await waitFor(statusOfA, { what: "a's presence to be away", until: (s) => s === 'away' });
    await w.ping();
    expect(w.all<PresenceList>('presence').length).toBe(before); // nothing sent within the window

    await gw.sweep();
    const batch = await w.waitFor<PresenceList>('presence', (m) => m.players.some((p) => p.playerId === a.playerId));
    expect(batch.players.map((p) => [p.username, p.status])).toEqual([
      ['batch-b', 'online'],
      ['batch-c', 'online'],
      ['batch-a', 'away'],
    ]);
    await w.ping();
    expect(w.all<PresenceList>('presence').length).toBe(before + 1);
  });
});
