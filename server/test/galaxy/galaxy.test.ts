import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { startTestServer, type TestServer } from '../harness.js';
import { playerAt } from '../fleets/support.js';
import { connectClient, newClientId, type TestClient } from '../realtime/client.js';
import { sql } from '../support/game-sql.js';

describe('galaxy view', () => {
  let t: TestServer;
  let online: TestClient | undefined;
  beforeAll(async () => {
    t = await startTestServer({ plugins: () => [gatewayPlugin()] });
  });
  afterAll(async () => {
    online?.close();
    await t?.stop();
  });

  it('lists every position with planet, owner, presence and debris', async () => {
    const a = await playerAt(t, 'gal', { galaxy: 9, system: 499, position: 1 });
    const b = await playerAt(t, 'nei', { galaxy: 9, system: 499, position: 15 });
    await sql(
      t,
      `insert into debris_field (galaxy, system, position, metal, crystal, updated_at) values (9, 499, 15, 300, 200, now()), (9, 499, 2, 0, 7, now())`,
    );
    online = await connectClient(t.url, { token: b.token, clientId: newClientId('gal'), lastSeq: null });
    await online.waitFor('synced');
    const r = await t.api.get('/api/v1/galaxy/9/499', a.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ galaxy: 9, system: 499, at: t.clock.now().toISOString() });
    expect(r.body.positions).toHaveLength(15);
    expect(r.body.positions[0]).toEqual({
      position: 1,
      planet: { name: 'Homeworld', planetId: a.planetId, player: { playerId: a.playerId, username: a.name, status: 'offline' } },
      debris: null,
    });
    expect(r.body.positions[1]).toEqual({ position: 2, planet: null, debris: { metal: 0, crystal: 7 } });
    expect(r.body.positions[14]).toEqual({
      position: 15,
      planet: { name: 'Homeworld', planetId: null, player: { playerId: b.playerId, username: b.name, status: 'online' } },
      debris: { metal: 300, crystal: 200 },
    });
    expect(r.body.positions.slice(2, 14).every((p: { planet: unknown; debris: unknown }) => p.planet === null && p.debris === null)).toBe(true);
  });

  it('answers 404 outside the universe and 400 for malformed coordinates', async () => {
    const a = await playerAt(t, 'bad', { galaxy: 9, system: 498, position: 1 });
    expect((await t.api.get('/api/v1/galaxy/10/1', a.token)).status).toBe(404);
    expect((await t.api.get('/api/v1/galaxy/1/500', a.token)).body.error.code).toBe('NOT_FOUND');
    expect((await t.api.get('/api/v1/galaxy/0/1', a.token)).status).toBe(400);
    expect((await t.api.get('/api/v1/galaxy/x/1', a.token)).status).toBe(400);
    expect((await t.api.get('/api/v1/galaxy/1/1')).status).toBe(401);
  });
});
