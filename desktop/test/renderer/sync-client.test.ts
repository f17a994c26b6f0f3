// The client side of exactly-once against the real server and gateway: the SyncClient with the
// real Socket.IO transport and the real file outbox store, across simulated crashes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../../../server/test/harness.js';
import { gatewayPlugin } from '../../../server/src/realtime/gateway.js';
import { FileOutboxStore } from '../../src/main/outbox-file-store.js';
import { SyncClient } from '../../src/renderer/net/sync-client.js';
import { SocketTransport } from '../../src/renderer/net/socket-transport.js';
import { Recorder } from './sync-recorder.js';

describe('SyncClient against the real gateway', () => {
  let t: TestServer;
  let dir: string;
  let ids = 0;
  beforeAll(async () => {
    t = await startTestServer({ plugins: () => [gatewayPlugin()] });
    dir = mkdtempSync(join(tmpdir(), 'starhold-sync-'));
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A client process: a fresh store instance on the same folder (as after a restart). */
  function client(token: string, rec = new Recorder()) {
    ids += 1;
    const sync = new SyncClient({
      storage: new FileOutboxStore({ dir }),
      transport: new SocketTransport({ serverUrl: t.url, pingEveryMs: 60_000 }),
      sink: rec,
      newClientId: () => `test-client-${ids}-${Date.now().toString(36)}`,
      token: () => token,
    });
    return { sync, rec };
  }

  const logOf = async (playerId: number) =>
    t.services.orm.em
      .fork()
      .execute<{ seq: string; status: string }[]>('select seq, status from command_log where player_id = ? order by seq', [playerId]);
  const queueOf = async (planetId: number) =>
    t.services.orm.em.fork().execute<{ target: string }[]>("select target from queue_item where planet_id = ? and kind = 'building'", [planetId]);

  it('sends a command persisted before a crash when the next process starts, exactly once', async () => {
    const a = await t.api.register('crash1');
    const first = client(a.token);
    await first.sync.open('crash1');
    await first.sync.enqueue('buildings.upgrade', { planetId: a.planetId, building: 'metalMine' });
    // The process dies here: the command was written but never sent.

    const second = client(a.token);
    const snap = await second.sync.open('crash1');
    expect(snap.commands.map((c) => [c.seq, c.type])).toEqual([[1, 'buildings.upgrade']]);
    second.sync.start();
    await second.rec.until(() => second.rec.answers.length === 1 && second.rec.pending.length === 0);
    second.sync.stop();
    expect(second.rec.answers[0]!.outcome.status).toBe('applied');
    expect(await logOf(a.playerId)).toEqual([{ seq: '1', status: 'applied' }]);
    expect((await queueOf(a.planetId)).map((q) => q.target)).toEqual(['metalMine']);
  });

  it('drops a command the server applied before the crash (hello.clientCursor) instead of applying it again', async () => {
    const a = await t.api.register('crash2');
    const first = client(a.token);
    const snap = await first.sync.open('crash2');
    const cmd = await first.sync.enqueue('buildings.upgrade', { planetId: a.planetId, building: 'crystalMine' });
    // The command reached the server, but the process died before the answer came back.
    const sent = await t.api.post('/api/v1/commands', { clientId: snap.clientId, seq: cmd.seq, type: cmd.type, payload: cmd.payload }, a.token);
    expect(sent.body.status).toBe('applied');

    const second = client(a.token);
    expect((await second.sync.open('crash2')).commands).toHaveLength(1);
    second.sync.start();
    await second.rec.until(() => second.rec.hellos.length === 1 && second.rec.pending.length === 0);
    second.sync.stop();
    expect(second.rec.hellos[0]!.clientCursor).toBe(1);
    expect(second.rec.answers).toEqual([]); // never sent again
    expect(await logOf(a.playerId)).toEqual([{ seq: '1', status: 'applied' }]);
    expect((await queueOf(a.planetId)).map((q) => q.target)).toEqual(['crystalMine']);
  });

  it('sends several commands in seq order and removes a rejected one with its reason', async () => {
    const a = await t.api.register('order1');
    const { sync, rec } = client(a.token);
    await sync.open('order1');
    await sync.enqueue('buildings.upgrade', { planetId: a.planetId, building: 'metalMine' });
    await sync.enqueue('buildings.upgrade', { planetId: a.planetId, building: 'deathStar' });
    await sync.enqueue('buildings.upgrade', { planetId: a.planetId, building: 'solarPlant' });
    expect(rec.pending.map((c) => c.seq)).toEqual([1, 2, 3]);
    sync.start();
    await rec.until(() => rec.answers.length === 3);
    expect(rec.answers.map((x) => [x.command.seq, x.outcome.status])).toEqual([
      [1, 'applied'],
      [2, 'rejected'],
      [3, 'applied'],
    ]);
    const rejected = rec.answers[1]!.outcome;
    expect(rejected.status === 'rejected' && rejected.error.code).toBe('UNKNOWN_BUILDING');
    expect(rec.pending).toEqual([]);
    // Events arrive in seq order and the last applied seq is persisted with the outbox.
    await rec.until(() => rec.events.length >= 2);
    const seqs = rec.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    sync.stop();
    const stored = await new FileOutboxStore({ dir }).load('order1');
    expect(stored!.lastEventSeq).toBe(seqs[seqs.length - 1]);
    expect(stored!.commands).toEqual([]);
    expect(stored!.nextSeq).toBe(4);
  });

  it('asks for a snapshot when it has no state, and a replay when it has', async () => {
    const a = await t.api.register('replay1');
    const one = client(a.token);
    await one.sync.open('replay1');
    one.sync.start();
    await one.rec.until(() => one.rec.snapshots === 1);
    await one.sync.enqueue('buildings.upgrade', { planetId: a.planetId, building: 'metalMine' });
    await one.rec.until(() => one.rec.events.length === 1);
    one.sync.stop();
    // The server moves on while the client is away.
    await t.api.post(`/api/v1/planets/${a.planetId}/buildings/solarPlant/upgrade`, undefined, a.token);

    const two = client(a.token);
    await two.sync.open('replay1', true); // state restored from a cache matching lastEventSeq
    two.sync.start();
    await two.rec.until(() => two.rec.events.length === 1);
    two.sync.stop();
    expect(two.rec.snapshots).toBe(0);
    expect(two.rec.events[0]!.seq).toBe(one.rec.events[0]!.seq + 1);
  });
});
