// The offline view applies the server's queue and unit limits (common/src/rules/queue.ts) to the
// pending commands: the sixth item is refused at once, not shown as pending and rejected later.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_UNIVERSE, MAX_QUEUE_LENGTH, buildingTimeSeconds, zeroResearch } from '@starhold/common';
import { createServices } from '../../src/renderer/app/services.js';
import { createAppStore, rootReducer, type RootState } from '../../src/renderer/app/store.js';
import { buildingRows } from '../../src/renderer/features/buildings/selectors.js';
import { queueCommand } from '../../src/renderer/features/commands.js';
import { outboxChanged } from '../../src/renderer/features/outbox/outboxSlice.js';
import { planetLoaded, researchLoaded } from '../../src/renderer/features/planet/planetSlice.js';
import { refusalOf, selectView } from '../../src/renderer/features/planet/selectors.js';
import { signedIn } from '../../src/renderer/features/session/sessionSlice.js';
import { MemoryOutboxStorage } from '../../src/renderer/net/memory-outbox.js';
import type { PlanetView } from '@starhold/common';
import { applyPending } from '../../src/renderer/sync/overlay.js';
import { T0, command, iso, planetView, queueItem, serverState, shipyardOrder } from './factories.js';
import { MapKv } from './map-kv.js';

const RICH = { metal: 1_000_000, crystal: 1_000_000, deuterium: 1_000_000 };
const BUILDINGS = ['metalMine', 'crystalMine', 'solarPlant', 'metalStorage', 'crystalStorage', 'deuteriumTank'] as const;
const upgrades = (n: number, from = 1) => BUILDINGS.slice(0, n).map((b, i) => command(from + i, 'buildings.upgrade', { planetId: 1, building: b }));

/** A queue of `n` server items: a running metal mine head (ending at T0 + 60 s) and waiting crystal mine levels. */
function serverQueue(n: number) {
  return Array.from({ length: n }, (_, i) =>
    i === 0
      ? queueItem({ id: 100, target: 'metalMine', level: 1 })
      : queueItem({ id: 100 + i, target: 'crystalMine', level: i, startsAt: null, endsAt: null }),
  );
}

describe('applyPending: the building queue holds five items', () => {
  it('queues five pending upgrades and refuses the sixth with QUEUE_FULL, deducting nothing for it', () => {
    const five = applyPending(serverState(planetView({ resources: RICH })), upgrades(5));
    const six = applyPending(serverState(planetView({ resources: RICH })), upgrades(6));
    expect(six.planets[1]!.queues.building.map((q) => q.target)).toEqual(BUILDINGS.slice(0, 5));
    expect(six.planets[1]!.resources).toEqual(five.planets[1]!.resources);
    expect(six.pending.map((p) => p.doubtful)).toEqual([null, null, null, null, null, 'the queue is full']);
    expect(six.pending[5]!.refusal).toEqual({ code: 'QUEUE_FULL', message: `The queue holds at most ${MAX_QUEUE_LENGTH} items` });
    expect(five.pending.every((p) => p.refusal === undefined)).toBe(true);
  });

  it("counts the server's items with the pending ones", () => {
    const v = applyPending({ ...serverState(planetView({ resources: RICH, queues: { building: serverQueue(3) } })), now: T0 }, upgrades(3));
    expect(v.pending.map((p) => p.refusal?.code ?? null)).toEqual([null, null, 'QUEUE_FULL']);
  });

  it('does not count a server item whose end has passed, nor a waiting one whose computed end has', () => {
    const planet = planetView({ resources: RICH, queues: { building: serverQueue(5) } });
    const at = (now: number) => applyPending({ ...serverState(planet), now }, upgrades(2)).pending.map((p) => p.refusal?.code ?? null);
    expect(at(T0 + 59_999)).toEqual(['QUEUE_FULL', 'QUEUE_FULL']);
    expect(at(T0 + 60_000)).toEqual([null, 'QUEUE_FULL']); // the running head is done
    // The first waiting item (crystal mine 1) started when the head ended and takes its build time.
    const crystal1 = buildingTimeSeconds('crystalMine', 1, { robotics: 0, nanite: 0 }, DEFAULT_UNIVERSE);
    expect(at(T0 + 60_000 + crystal1 * 1000)).toEqual([null, null]);
    // Without a server instant every item counts.
    expect(applyPending(serverState(planet), upgrades(1)).pending[0]!.refusal?.code).toBe('QUEUE_FULL');
  });

  it('a cancel makes room again (with its followers)', () => {
    const planet = planetView({ resources: RICH, queues: { building: serverQueue(5) } });
    const v = applyPending({ ...serverState(planet), now: T0 }, [
      command(1, 'buildings.cancel', { planetId: 1, queueItemId: 102 }),
      ...upgrades(5, 2),
    ]);
    // Cancelling crystal mine 2 also cancels crystal mine 3 and 4: three places free.
    expect(v.pending.map((p) => p.refusal?.code ?? null)).toEqual([null, null, null, null, 'QUEUE_FULL', 'QUEUE_FULL']);
  });
});

describe('applyPending: research and shipyard limits', () => {
  it('the research queue holds five items', () => {
    const research = ['energy', 'laser', 'ion', 'espionage', 'computer', 'weapons'].map((r, i) =>
      command(i + 1, 'research.start', { planetId: 1, research: r }),
    );
    const v = applyPending(serverState(planetView({ resources: RICH })), research);
    expect(v.research!.queue).toHaveLength(5);
    expect(v.pending.map((p) => p.refusal?.code ?? null)).toEqual([null, null, null, null, null, 'QUEUE_FULL']);
  });

  it('cancelling research removes the item and its later levels', () => {
    const queue = [
      queueItem({ id: 1, kind: 'research', target: 'energy', level: 1 }),
      queueItem({ id: 2, kind: 'research', target: 'laser', level: 1, startsAt: null, endsAt: null }),
      queueItem({ id: 3, kind: 'research', target: 'energy', level: 2, startsAt: null, endsAt: null }),
    ];
    const v = applyPending({ ...serverState(), research: { levels: zeroResearch(), queue } }, [command(1, 'research.cancel', { queueItemId: 1 })]);
    expect(v.research!.queue.map((q) => q.id)).toEqual([2]);
  });

  it("the shipyard holds five orders, the server's and the pending ones; a finished order does not count", () => {
    const orders = [1, 2, 3, 4].map((i) =>
      shipyardOrder({
        id: i,
        startsAt: i === 1 ? iso(T0) : null,
        endsAt: i === 1 ? iso(T0 + 120_000) : null,
        nextUnitAt: null,
      }),
    );
    const planet = planetView({ resources: RICH, queues: { building: [], shipyard: orders } });
    const build = (seq: number) => command(seq, 'shipyard.build', { planetId: 1, unit: 'lightFighter', count: 1 });
    const at = (now: number) => applyPending({ ...serverState(planet), now }, [build(1), build(2)]);
    expect(at(T0).pending.map((p) => p.refusal?.message ?? null)).toEqual([null, 'The shipyard holds at most 5 orders']);
    expect(at(T0).planets[1]!.resources.metal).toBe(RICH.metal - 3000); // only the first one paid
    expect(at(T0 + 120_000).pending.map((p) => p.refusal ?? null)).toEqual([null, null]);
  });

  it('applies the unit limits to what the planet has, its orders and the pending orders', () => {
    const dome = (seq: number) => command(seq, 'shipyard.build', { planetId: 1, unit: 'smallShieldDome', count: 1 });
    const codes = (planet: PlanetView, n: number) =>
      applyPending({ ...serverState(planet), now: T0 }, [1, 2].slice(0, n).map(dome)).pending.map((p) => p.refusal?.code ?? null);
    expect(codes(planetView({ resources: RICH }), 2)).toEqual([null, 'UNIT_LIMIT_REACHED']);
    expect(codes(planetView({ resources: RICH, units: { smallShieldDome: 1 } }), 1)).toEqual(['UNIT_LIMIT_REACHED']);
    const ordered = planetView({ resources: RICH, queues: { building: [], shipyard: [shipyardOrder({ unit: 'smallShieldDome', count: 1 })] } });
    expect(codes(ordered, 1)).toEqual(['UNIT_LIMIT_REACHED']);
  });
});

function state(pending: ReturnType<typeof command>[]): RootState {
  let s = rootReducer(undefined, { type: 'init' });
  s = rootReducer(s, signedIn({ player: { id: 1, username: 'a' }, planetId: 1 }));
  s = rootReducer(s, planetLoaded({ view: planetView({ resources: RICH }), clientNow: T0 }));
  s = rootReducer(s, researchLoaded({ levels: zeroResearch(), queue: [], catalogue: [] }));
  return rootReducer(s, outboxChanged(pending));
}

describe('the client refuses at once what the server would refuse', () => {
  const sixth = { type: 'buildings.upgrade', payload: { planetId: 1, building: 'deuteriumTank' } } as const;

  it('refusalOf: a sixth upgrade after five pending ones', () => {
    expect(refusalOf(state(upgrades(4)), T0, sixth)).toBeNull();
    expect(refusalOf(state(upgrades(5)), T0, sixth)?.code).toBe('QUEUE_FULL');
  });

  it('the Upgrade buttons say the queue is full', () => {
    const rows = (n: number) => buildingRows(selectView(state(upgrades(n)), T0).planets[1]!, zeroResearch(), T0);
    expect(rows(4).some((r) => r.queueFull)).toBe(false);
    expect(rows(5).every((r) => r.queueFull)).toBe(true);
  });

  it('queueCommand rejects it like a server rejection and never stores it', async () => {
    const storage = new MemoryOutboxStorage();
    const services = createServices({
      storage,
      desktop: null,
      kv: new MapKv(),
      now: () => T0,
      createTransport: () => {
        throw new Error('no transport in this test');
      },
    });
    const { store } = createAppStore(services, state(upgrades(5)));
    const r = await store.dispatch(queueCommand(sixth));
    expect(queueCommand.rejected.match(r) && r.payload).toBe(`The queue holds at most ${MAX_QUEUE_LENGTH} items`);
    expect(store.getState().notifications.items.map((n) => [n.level, n.text])).toEqual([
      ['error', `Upgrade Deuterium tank was rejected — The queue is full: The queue holds at most ${MAX_QUEUE_LENGTH} items`],
    ]);
    expect(store.getState().outbox.commands).toHaveLength(5);
    // With room, it goes on to the outbox (here: no session, so it stops there, without a notice).
    const { store: roomy } = createAppStore(services, state(upgrades(4)));
    const ok = await roomy.dispatch(queueCommand(sixth));
    expect(queueCommand.rejected.match(ok) && ok.payload).toBe('Not signed in');
    expect(roomy.getState().notifications.items).toEqual([]);
  });
});
