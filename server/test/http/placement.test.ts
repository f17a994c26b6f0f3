import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_UNIVERSE, ErrorCode, temperatureForPosition, zeroBuildings } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { seededRandom } from '../support/rng.js';
import { rowCounts } from '../support/rows.js';

interface PlanetRow {
  player_id: number;
  galaxy: number;
  system: number;
  position: number;
  temperature_min: number;
  temperature_max: number;
}

/**
 * Placement randomness that can be squeezed: 'cramped' draws every coordinate from 3 values
 * (27 home slots), so concurrent registrations keep colliding; 'stuck' always draws the same slot.
 */
function squeezableRandom(seed: number) {
  const r = seededRandom(seed);
  const state = { mode: 'cramped' as 'cramped' | 'stuck' };
  const rnd = (n: number): number => (state.mode === 'stuck' ? 0 : Math.floor(r() * Math.min(n, 3)));
  return { state, rnd };
}

describe('home planet placement', () => {
  const random = squeezableRandom(7);
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ rnd: random.rnd });
  });
  afterAll(async () => t?.stop());

  const planets = () =>
    t.services.orm.em
      .fork()
      .execute<PlanetRow[]>('select player_id, galaxy, system, position, temperature_min, temperature_max from planet order by player_id');

  it('gives 20 concurrent registrations 20 distinct free positions, even when their draws collide', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `settler${i}`);
    const results = await Promise.all(names.map((username) => t.api.post('/api/v1/auth/register', { username, password: 'correct-horse-battery' })));
    expect(results.map((r) => r.status)).toEqual(names.map(() => 201));

    const rows = await planets();
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((p) => p.player_id)).size).toBe(20);
    const coords = rows.map((p) => `${p.galaxy}:${p.system}:${p.position}`);
    expect(new Set(coords).size).toBe(20);

    // Each player sees exactly its own planet, at the coordinates stored for it.
    for (const r of results) {
      const me = await t.api.get('/api/v1/me', r.body.accessToken);
      const row = rows.find((p) => p.player_id === r.body.player.id);
      expect(me.body.planets).toEqual([
        { id: expect.any(Number), name: 'Homeworld', coords: { galaxy: row?.galaxy, system: row?.system, position: row?.position } },
      ]);
    }
  });

  it('places home planets inside the universe, with a temperature that follows the position', async () => {
    for (const p of await planets()) {
      expect(p.galaxy).toBeGreaterThanOrEqual(1);
      expect(p.galaxy).toBeLessThanOrEqual(DEFAULT_UNIVERSE.galaxies);
      expect(p.system).toBeGreaterThanOrEqual(1);
      expect(p.system).toBeLessThanOrEqual(DEFAULT_UNIVERSE.systems);
      expect(p.position).toBeGreaterThanOrEqual(1);
      expect(p.position).toBeLessThanOrEqual(DEFAULT_UNIVERSE.positions);
      expect(p.temperature_max).toBeGreaterThanOrEqual(temperatureForPosition(p.position, 0).max);
      expect(p.temperature_max).toBeLessThanOrEqual(temperatureForPosition(p.position, 0.999999).max);
      expect(p.temperature_min).toBe(p.temperature_max - 40);
    }
  });

  it('starts every planet with 500/500/0 and all buildings at level 0', async () => {
    const r = await t.api.register('newcomer');
    const view = await t.api.get(`/api/v1/planets/${r.planetId}`, r.token);
    expect(view.body.resources).toEqual({ metal: 500, crystal: 500, deuterium: 0 });
    expect(view.body.buildings).toEqual(zeroBuildings());
    expect(view.body.queues).toEqual({ building: [], shipyard: [] });
  });

  it('answers 503 when no free position can be found, and keeps no half-registered player', async () => {
    random.state.mode = 'stuck'; // always the slot 1:1:4 ...
    try {
      const first = await t.api.post('/api/v1/auth/register', { username: 'squatter', password: 'correct-horse-battery' });
      const before = await rowCounts(t);
      // ... which is now certainly taken (either earlier or by the squatter).
      const r = await t.api.post('/api/v1/auth/register', { username: 'homeless', password: 'correct-horse-battery' });
      expect([201, 503]).toContain(first.status);
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ error: { code: ErrorCode.SERVICE_UNAVAILABLE, message: expect.any(String) } });
      expect(await rowCounts(t)).toEqual(before);
      expect((await t.api.post('/api/v1/auth/login', { username: 'homeless', password: 'correct-horse-battery' })).status).toBe(401);
    } finally {
      random.state.mode = 'cramped';
    }
  });
});
