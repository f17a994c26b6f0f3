// Black-box acceptance of "Time and commands": a client on the system clock, the real tick loop,
// economy speed 1000. Expected numbers come from docs/rules.md by hand, not from common/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tickLoopPlugin } from '../../src/game/tick-loop.js';
import { startTestServer, type TestServer } from '../harness.js';
import { waitFor } from '../support/wait-for.js';

const SE = 1000;
const HOUR_MS = 3_600_000;

describe('economy acceptance (system clock, real tick loop, economy speed 1000)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      systemClock: true,
      env: { STARHOLD_ECONOMY_SPEED: String(SE), STARHOLD_TICK_MS: '100' },
      plugins: () => [tickLoopPlugin()],
    });
  });
  afterAll(async () => t?.stop());

  it('upgrades the metal mine, reaches level 1 within seconds, and produces base + mine only once a solar plant powers it', async () => {
    const a = await t.api.register('economist');
    const me = await t.api.get('/api/v1/me', a.token);
    const created = new Date(me.body.player.createdAt).getTime();
    const planetPath = `/api/v1/planets/${a.planetId}`;
    const start = await t.api.get(planetPath, a.token);
    // Base income is scaled by the economy speed only: 30 · 1000 metal, 15 · 1000 crystal per hour.
    expect(start.body.production.perHour).toEqual({ metal: 30 * SE, crystal: 15 * SE, deuterium: 0 });

    // Metal mine 1 costs 60/15, taken at once from the resources settled at that instant.
    const up = await t.api.post(`${planetPath}/buildings/metalMine/upgrade`, undefined, a.token);
    expect(up.status).toBe(202);
    const mine = up.body.queueItem;
    expect(mine.cost).toEqual({ metal: 60, crystal: 15, deuterium: 0 });
    const queuedMs = new Date(mine.queuedAt).getTime() - created;
    expect(up.body.resources).toEqual({
      metal: 500 + Math.floor((30 * SE * queuedMs) / HOUR_MS) - 60,
      crystal: 500 + Math.floor((15 * SE * queuedMs) / HOUR_MS) - 15,
      deuterium: 0,
    });
    // 3600 · 75 / (2500 · 3.5 · 1000) = 0.03 s → the minimum of 1 s.
    expect(new Date(mine.endsAt).getTime() - new Date(mine.startsAt).getTime()).toBe(1000);

    const withMine = await waitFor(() => t.api.get(planetPath, a.token), {
      what: 'metal mine level 1',
      until: (r) => r.body.buildings.metalMine === 1,
      timeoutMs: 20_000,
      intervalMs: 50,
    });
    // The mine uses ceil(10 · 1 · 1.1) = 11 energy and nothing produces any: factor 0, base income only.
    expect(withMine.body.energy).toEqual({ produced: 0, consumed: 11, balance: -11, factor: 0 });
    expect(withMine.body.production.perHour).toEqual({ metal: 30 * SE, crystal: 15 * SE, deuterium: 0 });
    // At 100 % the mine would add floor(30 · 1 · 1.1 · 1000) = 33 000.
    expect(withMine.body.production.theoretical).toEqual({ metal: (30 + 33) * SE, crystal: 15 * SE, deuterium: 0 });

    const solarUp = await t.api.post(`${planetPath}/buildings/solarPlant/upgrade`, undefined, a.token);
    expect(solarUp.status).toBe(202);
    const solar = solarUp.body.queueItem;
    expect(solar.cost).toEqual({ metal: 75, crystal: 30, deuterium: 0 });
    const powered = await waitFor(() => t.api.get(planetPath, a.token), {
      what: 'solar plant level 1',
      until: (r) => r.body.buildings.solarPlant === 1,
      timeoutMs: 20_000,
      intervalMs: 50,
    });
    // floor(20 · 1 · 1.1) = 22 energy ≥ 11: factor 100 %, metal = base + mine.
    expect(powered.body.energy).toEqual({ produced: 22, consumed: 11, balance: 11, factor: 100 });
    expect(powered.body.production.perHour).toEqual({ metal: 30 * SE + 33 * SE, crystal: 15 * SE, deuterium: 0 });

    // Resources at the view's instant: 30 000/h of metal until the solar plant finished, 63 000/h since.
    const at = new Date(powered.body.at).getTime();
    const solarDone = new Date(solar.endsAt).getTime();
    expect(powered.body.resources).toEqual({
      metal: 500 - 60 - 75 + Math.floor((30 * SE * (solarDone - created) + 63 * SE * (at - solarDone)) / HOUR_MS),
      crystal: 500 - 15 - 30 + Math.floor((15 * SE * (at - created)) / HOUR_MS),
      deuterium: 0,
    });
  });
});
