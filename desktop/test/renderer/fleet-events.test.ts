import { describe, expect, it } from '@jest/globals';
import { applyFleetEvent } from '../../src/renderer/sync/fleet-events.js';
import { applyStreamEvent } from '../../src/renderer/sync/stream-events.js';
import { T0, iso, planetView, queueItem, serverState, shipyardOrder, streamEvent } from './factories.js';

const LATER = T0 + 90_000;
const home = () =>
  planetView({
    resources: { metal: 9000, crystal: 8000, deuterium: 700 },
    units: { smallCargo: 4, lightFighter: 1 },
    queues: { building: [queueItem({ id: 5 })], shipyard: [shipyardOrder({ id: 20 })] },
  });
const colony = () => planetView({ id: 2, name: 'Colony', resources: { metal: 100, crystal: 50, deuterium: 0 }, units: {} });
const twoPlanets = () => ({ ...serverState(home()), planets: { 1: home(), 2: colony() } });

describe('applyFleetEvent: shipyard', () => {
  it('queue.updated (shipyard) replaces the amounts and adds the order, sorted by id', () => {
    const added = shipyardOrder({ id: 21, unit: 'lightFighter', count: 1, startsAt: null, endsAt: null, nextUnitAt: null });
    const s = applyFleetEvent(
      serverState(home()),
      streamEvent(1, 'queue.updated', { planetId: 1, kind: 'shipyard', added, resources: { metal: 6000, crystal: 7000, deuterium: 700 } }, LATER),
    );
    const p = s.planets[1]!;
    expect(p.resources).toEqual({ metal: 6000, crystal: 7000, deuterium: 700 });
    expect(p.at).toBe(iso(LATER));
    expect(p.queues.shipyard!.map((o) => o.id)).toEqual([20, 21]);
    expect(p.queues.building.map((q) => q.id)).toEqual([5]);
    expect(p.units).toEqual({ smallCargo: 4, lightFighter: 1 });
  });

  it('queue.updated is idempotent: a replayed order is replaced, not added twice', () => {
    const added = shipyardOrder({ id: 19, count: 5 });
    const e = streamEvent(1, 'queue.updated', { planetId: 1, kind: 'shipyard', added, resources: { metal: 1, crystal: 2, deuterium: 3 } });
    const once = applyFleetEvent(serverState(home()), e);
    const twice = applyFleetEvent(once, e);
    expect(twice).toEqual(once);
    expect(twice.planets[1]!.queues.shipyard!.map((o) => [o.id, o.count])).toEqual([
      [19, 5],
      [20, 2],
    ]);
  });

  it('queue.updated starts a shipyard queue on a planet that had none', () => {
    const s = applyFleetEvent(
      serverState(planetView()),
      streamEvent(1, 'queue.updated', { planetId: 1, kind: 'shipyard', added: shipyardOrder({ id: 3 }) }),
    );
    expect(s.planets[1]!.queues.shipyard!.map((o) => o.id)).toEqual([3]);
    // No resources in the event: the amounts and their instant stay.
    expect(s.planets[1]!.resources).toEqual({ metal: 500, crystal: 500, deuterium: 0 });
    expect(s.planets[1]!.at).toBe(iso(T0));
  });

  it('applyStreamEvent hands a shipyard queue.updated to the fleet reducer (the building queue is untouched)', () => {
    const added = shipyardOrder({ id: 22 });
    const s = applyStreamEvent(
      serverState(home()),
      streamEvent(1, 'queue.updated', { planetId: 1, kind: 'shipyard', added, resources: { metal: 0, crystal: 0, deuterium: 0 } }),
    );
    expect(s.planets[1]!.queues.shipyard!.map((o) => o.id)).toEqual([20, 22]);
    expect(s.planets[1]!.queues.building.map((q) => q.id)).toEqual([5]);
    expect(s.research!.queue).toEqual([]);
  });

  it('shipyard.completed sets units and amounts, drops the finished order and queues the next one', () => {
    const state = serverState(
      planetView({
        units: { smallCargo: 4 },
        queues: { building: [], shipyard: [shipyardOrder({ id: 20 }), shipyardOrder({ id: 21, startsAt: null })] },
      }),
    );
    const next = shipyardOrder({ id: 21, startsAt: iso(LATER), endsAt: iso(LATER + 120_000) });
    const s = applyFleetEvent(
      state,
      streamEvent(
        2,
        'shipyard.completed',
        {
          planetId: 1,
          order: shipyardOrder({ id: 20, delivered: 2 }),
          at: iso(LATER),
          units: { smallCargo: 6 },
          resources: { metal: 700, crystal: 600, deuterium: 5 },
          next,
        },
        LATER,
      ),
    );
    const p = s.planets[1]!;
    expect(p.units).toEqual({ smallCargo: 6 });
    expect(p.resources).toEqual({ metal: 700, crystal: 600, deuterium: 5 });
    expect(p.queues.shipyard).toEqual([next]);
  });

  it('shipyard.completed with no next order empties the queue, and replaying it changes nothing more', () => {
    const e = streamEvent(2, 'shipyard.completed', {
      planetId: 1,
      order: shipyardOrder({ id: 20, delivered: 2 }),
      units: { smallCargo: 6, lightFighter: 1 },
      resources: { metal: 1, crystal: 1, deuterium: 1 },
      next: null,
    });
    const once = applyFleetEvent(serverState(home()), e);
    expect(once.planets[1]!.queues.shipyard).toEqual([]);
    expect(once.planets[1]!.units).toEqual({ smallCargo: 6, lightFighter: 1 });
    expect(applyFleetEvent(once, e)).toEqual(once);
  });
});

describe('applyFleetEvent: fleets and battles', () => {
  it("fleet.dispatched replaces the origin's ships and amounts (what left, fuel included)", () => {
    const s = applyFleetEvent(
      twoPlanets(),
      streamEvent(
        3,
        'fleet.dispatched',
        {
          fleet: { id: 7 },
          planetId: 1,
          resources: { metal: 8000, crystal: 8000, deuterium: 640 },
          units: { smallCargo: 1, lightFighter: 1 },
        },
        LATER,
      ),
    );
    expect(s.planets[1]!.units).toEqual({ smallCargo: 1, lightFighter: 1 });
    expect(s.planets[1]!.resources).toEqual({ metal: 8000, crystal: 8000, deuterium: 640 });
    expect(s.planets[1]!.at).toBe(iso(LATER));
    expect(s.planets[2]).toEqual(colony());
  });

  it('fleet.returned puts the ships and the unloaded cargo back on the home planet', () => {
    const s = applyFleetEvent(
      twoPlanets(),
      streamEvent(4, 'fleet.returned', {
        fleet: { id: 7 },
        planetId: 1,
        resources: { metal: 10_000, crystal: 8000, deuterium: 700 },
        units: { smallCargo: 7, lightFighter: 1 },
      }),
    );
    expect(s.planets[1]!.units).toEqual({ smallCargo: 7, lightFighter: 1 });
    expect(s.planets[1]!.resources.metal).toBe(10_000);
  });

  it('transport.received replaces the amounts and keeps the units (the event carries none)', () => {
    const s = applyFleetEvent(
      twoPlanets(),
      streamEvent(
        5,
        'transport.received',
        {
          fleetId: 9,
          planetId: 2,
          cargo: { metal: 400, crystal: 0, deuterium: 0 },
          resources: { metal: 500, crystal: 50, deuterium: 0 },
        },
        LATER,
      ),
    );
    expect(s.planets[2]!.resources).toEqual({ metal: 500, crystal: 50, deuterium: 0 });
    expect(s.planets[2]!.units).toEqual({});
    expect(s.planets[2]!.at).toBe(iso(LATER));
    expect(s.planets[1]).toEqual(home());
  });

  it('fleet.arrived at an own planet updates that planet from `planet`', () => {
    const s = applyFleetEvent(
      twoPlanets(),
      streamEvent(6, 'fleet.arrived', {
        fleet: { id: 7 },
        outcome: 'deployed',
        planet: { id: 2, resources: { metal: 1100, crystal: 50, deuterium: 0 }, units: { smallCargo: 3 } },
      }),
    );
    expect(s.planets[2]!.units).toEqual({ smallCargo: 3 });
    expect(s.planets[2]!.resources.metal).toBe(1100);
  });

  it('fleet.arrived elsewhere (planet null) changes nothing', () => {
    const state = twoPlanets();
    expect(applyFleetEvent(state, streamEvent(6, 'fleet.arrived', { fleet: { id: 7 }, outcome: 'attacked', planet: null }))).toBe(state);
  });

  it('battle.report for the defender replaces what survived; for the attacker it changes nothing', () => {
    const state = twoPlanets();
    const defended = applyFleetEvent(
      state,
      streamEvent(
        7,
        'battle.report',
        {
          fleetId: 8,
          report: { id: 1, role: 'defender' },
          planet: { id: 1, units: { lightFighter: 1 }, resources: { metal: 4500, crystal: 4000, deuterium: 350 } },
        },
        LATER,
      ),
    );
    expect(defended.planets[1]!.units).toEqual({ lightFighter: 1 });
    expect(defended.planets[1]!.resources).toEqual({ metal: 4500, crystal: 4000, deuterium: 350 });
    expect(defended.planets[1]!.at).toBe(iso(LATER));
    expect(applyFleetEvent(state, streamEvent(8, 'battle.report', { fleetId: 7, report: { id: 2, role: 'attacker' } }))).toBe(state);
  });

  it('an event for a planet the client does not hold, or without a planet, changes nothing', () => {
    const state = twoPlanets();
    const r = { metal: 1, crystal: 1, deuterium: 1 };
    expect(applyFleetEvent(state, streamEvent(9, 'fleet.dispatched', { planetId: 99, resources: r, units: {} }))).toBe(state);
    expect(applyFleetEvent(state, streamEvent(9, 'fleet.returned', { resources: r, units: {} }))).toBe(state);
    expect(applyFleetEvent(state, streamEvent(9, 'shipyard.completed', { order: shipyardOrder(), units: {}, next: null }))).toBe(state);
    expect(applyFleetEvent(state, streamEvent(9, 'battle.report', { fleetId: 1, report: {}, planet: { id: 42, units: {}, resources: r } }))).toBe(
      state,
    );
  });

  it('events that do not change planets (recall, incoming, reports) leave the state as it is', () => {
    const state = twoPlanets();
    for (const type of ['fleet.recalled', 'fleet.incoming', 'fleet.incomingRecalled', 'espionage.report', 'planet.colonized', 'nonsense']) {
      expect(
        applyFleetEvent(
          state,
          streamEvent(10, type, { fleetId: 1, fleet: { id: 1 }, planetId: 1, resources: { metal: 0, crystal: 0, deuterium: 0 } }),
        ),
      ).toBe(state);
    }
  });

  it('does not modify its input', () => {
    const state = twoPlanets();
    const copy = JSON.parse(JSON.stringify(state));
    applyFleetEvent(
      state,
      streamEvent(11, 'shipyard.completed', {
        planetId: 1,
        order: shipyardOrder({ id: 20 }),
        units: { smallCargo: 9 },
        resources: { metal: 0, crystal: 0, deuterium: 0 },
        next: shipyardOrder({ id: 30 }),
      }),
    );
    applyFleetEvent(
      state,
      streamEvent(12, 'fleet.arrived', {
        fleet: {},
        outcome: 'deployed',
        planet: { id: 2, units: { smallCargo: 1 }, resources: { metal: 0, crystal: 0, deuterium: 0 } },
      }),
    );
    expect(state).toEqual(copy);
  });
});
