// The per-player command budget (STARHOLD_COMMAND_RATE_LIMIT per second) covers every way to send a
// command: the convenience routes, POST /api/v1/commands, seed rotation and the socket. Over the
// budget: 429 RATE_LIMITED with Retry-After (socket: an error ack with retryAfterSeconds), nothing
// written, and other players unaffected. Requests of a burst are sent together so that they fall in
// one window of the limiter.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode, type CommandAck } from '@starhold/common';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { startTestServer, type ApiResponse, type TestServer } from '../harness.js';
import { countRows } from '../support/rows.js';
import { connectClient, newClientId, type TestClient } from '../realtime/client.js';

const LIMIT = 3;

function expectLimited(r: ApiResponse): void {
  expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 429, code: ErrorCode.RATE_LIMITED });
  expect(r.headers.get('retry-after')).toBe('1');
  expect(r.body.error.details).toEqual({ retryAfterSeconds: 1 });
}

describe('per-player command rate limit', () => {
  let t: TestServer;
  const open: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestServer({
      env: { STARHOLD_COMMAND_RATE_LIMIT: String(LIMIT), STARHOLD_ACCESS_TOKEN_TTL_S: '86400' },
      plugins: () => [gatewayPlugin()],
    });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await t?.stop();
  });

  it('limits the convenience routes; a limited request writes nothing and other players go on', async () => {
    const a = await t.api.register('rl-alice');
    const b = await t.api.register('rl-bob');
    const queued = await countRows(t, 'queue_item');
    const burst = await Promise.all(
      Array.from({ length: LIMIT + 3 }, () => t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token)),
    );
    const limited = burst.filter((r) => r.status === 429);
    expect(burst.filter((r) => r.status === 202)).toHaveLength(LIMIT);
    expect(limited).toHaveLength(3);
    limited.forEach(expectLimited);
    expect(await countRows(t, 'queue_item')).toBe(queued + LIMIT);
    expect((await t.api.post(`/api/v1/planets/${b.planetId}/buildings/metalMine/upgrade`, undefined, b.token)).status).toBe(202);
  });

  it('counts every route and transport against one budget per player', async () => {
    const a = await t.api.register('rl-carol');
    const clientId = newClientId('rl');
    const c = await connectClient(t.url, { token: a.token, clientId, lastSeq: 0 });
    open.push(c);
    const upgrade = (building: string) => t.api.post(`/api/v1/planets/${a.planetId}/buildings/${building}/upgrade`, undefined, a.token);
    const [one, two, three, four, five] = await Promise.all([
      upgrade('metalMine'),
      t.api.post(
        '/api/v1/commands',
        { clientId: newClientId('rest'), seq: 1, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'crystalMine' } },
        a.token,
      ),
      t.api.post('/api/v1/wheel/rotate-seed', undefined, a.token),
      t.api.delete(`/api/v1/planets/${a.planetId}/queue/999999`, a.token),
      t.api.post('/api/v1/wheel/spin', { planetId: a.planetId, clientSeed: 'seed' }, a.token),
    ]);
    const ack: CommandAck = await c.command({
      clientId,
      seq: 1,
      type: 'buildings.upgrade',
      payload: { planetId: a.planetId, building: 'solarPlant' },
    });
    const answers = [one!, two!, three!, four!, five!];
    expect(answers.filter((r) => r.status !== 429)).toHaveLength(LIMIT);
    answers.filter((r) => r.status === 429).forEach(expectLimited);
    expect(ack).toEqual({ status: 'error', error: { code: ErrorCode.RATE_LIMITED, message: expect.any(String), details: { retryAfterSeconds: 1 } } });
  });

  it('answers a socket burst over the budget with RATE_LIMITED acks and leaves those seqs unused', async () => {
    const a = await t.api.register('rl-dave');
    const clientId = newClientId('burst');
    const c = await connectClient(t.url, { token: a.token, clientId, lastSeq: 0 });
    open.push(c);
    const acks = await Promise.all(
      Array.from({ length: LIMIT + 2 }, (_, i) =>
        c.command({ clientId, seq: i + 1, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'metalMine' } }),
      ),
    );
    expect(acks.map((x) => x.status)).toEqual([...Array<string>(LIMIT).fill('applied'), 'error', 'error']);
    for (const x of acks.slice(LIMIT)) expect(x).toMatchObject({ error: { code: ErrorCode.RATE_LIMITED, details: { retryAfterSeconds: 1 } } });
    const cursor = await t.services.orm.em
      .fork()
      .execute<{ last_seq: string | number }[]>('select last_seq from client_cursor where player_id = ? and client_id = ?', [a.playerId, clientId]);
    expect(Number(cursor[0]?.last_seq)).toBe(LIMIT);
  });
});
