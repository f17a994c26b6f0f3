import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { runTick } from '../../src/game/tick.js';

describe('smoke', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  it('registers, reads the planet, upgrades and completes through the tick', async () => {
    const a = await t.api.register('smokey');
    const planet = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(planet.status).toBe(200);
    expect(planet.body.resources).toEqual({ metal: 500, crystal: 500, deuterium: 0 });
    const up = await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token);
    expect(up.status).toBe(202);
    t.clock.advance(60_000);
    const tick = await runTick(t.services);
    expect(tick.eventsApplied).toBe(1);
    const after = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(after.body.buildings.metalMine).toBe(1);
  });
});
