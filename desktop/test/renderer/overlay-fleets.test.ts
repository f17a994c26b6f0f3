// The overlay's shipyard and fleet commands. Unit prices (common/src/combat/units.ts), used by hand
// below: smallCargo 2000 metal + 2000 crystal, lightFighter 3000 metal + 1000 crystal,
// rocketLauncher 2000 metal.
import { describe, expect, it } from '@jest/globals';
import { applyPending } from '../../src/renderer/sync/overlay.js';
import { command, planetView, serverState, shipyardOrder } from './factories.js';

const build = (seq: number, unit: string, count: number, planetId = 1) => command(seq, 'shipyard.build', { planetId, unit, count });
const send = (seq: number, ships: Record<string, number>, cargo?: { metal: number; crystal: number; deuterium: number }) =>
  command(seq, 'fleets.send', {
    planetId: 1,
    ships,
    mission: 'transport',
    target: { galaxy: 1, system: 2, position: 4 },
    speed: 100,
    ...(cargo ? { cargo } : {}),
  });
const rich = () => planetView({ resources: { metal: 10_000, crystal: 10_000, deuterium: 1000 }, units: { smallCargo: 5, lightFighter: 2 } });

describe('applyPending: shipyard.build', () => {
  it("takes the order's whole cost: 3 small cargos = 6000 metal + 6000 crystal", () => {
    const v = applyPending(serverState(rich()), [build(1, 'smallCargo', 3)]);
    expect(v.planets[1]!.resources).toEqual({ metal: 4000, crystal: 4000, deuterium: 1000 });
    expect(v.pending).toEqual([{ seq: 1, type: 'shipyard.build', label: 'Build 3 smallCargo', doubtful: null }]);
    // Units arrive with the server's events, not from the overlay.
    expect(v.planets[1]!.units).toEqual({ smallCargo: 5, lightFighter: 2 });
  });

  it('several orders add up; one that no longer fits is doubtful and deducts nothing', () => {
    // 10000 metal − 2·3000 (lightFighter) = 4000; 2 small cargos need 4000 → 0 left; 1 rocket launcher (2000) does not fit.
    const v = applyPending(serverState(rich()), [build(1, 'lightFighter', 2), build(2, 'smallCargo', 2), build(3, 'rocketLauncher', 1)]);
    expect(v.pending.map((p) => p.doubtful)).toEqual([null, null, 'not enough resources']);
    expect(v.planets[1]!.resources).toEqual({ metal: 0, crystal: 10_000 - 2000 - 4000, deuterium: 1000 });
  });

  it('an order the planet cannot afford at all is doubtful and leaves the amounts', () => {
    const planet = planetView({ resources: { metal: 5999, crystal: 9000, deuterium: 0 } });
    const v = applyPending(serverState(planet), [build(1, 'lightFighter', 2)]);
    expect(v.pending[0]!.doubtful).toBe('not enough resources');
    expect(v.planets[1]!.resources).toEqual({ metal: 5999, crystal: 9000, deuterium: 0 });
  });

  it('an unknown unit or planet is doubtful', () => {
    const v = applyPending(serverState(rich()), [build(1, 'deathRay', 1), build(2, 'smallCargo', 1, 7)]);
    expect(v.pending.map((p) => [p.label, p.doubtful])).toEqual([
      ['Build 1 deathRay', 'unknown planet or unit'],
      ['Build 1 smallCargo', 'unknown planet or unit'],
    ]);
    expect(v.planets[1]!.resources).toEqual(rich().resources);
  });

  it("keeps the server's shipyard queue", () => {
    const planet = planetView({ ...rich(), queues: { building: [], shipyard: [shipyardOrder({ id: 20 })] } });
    const v = applyPending(serverState(planet), [build(1, 'smallCargo', 1)]);
    expect(v.planets[1]!.queues.shipyard!.map((o) => o.id)).toEqual([20]);
    expect(v.planets[1]!.resources.metal).toBe(8000);
  });
});

describe('applyPending: fleets.send and fleets.recall', () => {
  it('takes the ships and the cargo (not the fuel) from the origin', () => {
    const v = applyPending(serverState(rich()), [send(1, { smallCargo: 3, lightFighter: 1 }, { metal: 1500, crystal: 700, deuterium: 100 })]);
    expect(v.planets[1]!.units).toEqual({ smallCargo: 2, lightFighter: 1 });
    expect(v.planets[1]!.resources).toEqual({ metal: 8500, crystal: 9300, deuterium: 900 });
    expect(v.pending).toEqual([{ seq: 1, type: 'fleets.send', label: 'Send 3 smallCargo, 1 lightFighter', doubtful: null }]);
  });

  it('ignores ship types sent with a count of 0 and sends without cargo', () => {
    const v = applyPending(serverState(rich()), [send(1, { smallCargo: 5, lightFighter: 0 })]);
    expect(v.planets[1]!.units).toEqual({ smallCargo: 0, lightFighter: 2 });
    expect(v.planets[1]!.resources).toEqual(rich().resources);
    expect(v.pending[0]!.label).toBe('Send 5 smallCargo');
  });

  it('more ships than the planet has is doubtful and takes neither ships nor cargo', () => {
    const v = applyPending(serverState(rich()), [send(1, { smallCargo: 6 }, { metal: 100, crystal: 0, deuterium: 0 }), send(2, { cruiser: 1 })]);
    expect(v.pending.map((p) => p.doubtful)).toEqual(['not enough ships', 'not enough ships']);
    expect(v.planets[1]!.units).toEqual({ smallCargo: 5, lightFighter: 2 });
    expect(v.planets[1]!.resources).toEqual(rich().resources);
  });

  it('ships already sent by an earlier pending command are not there for a later one', () => {
    // 5 small cargos: 3 leave with seq 1, so seq 2 cannot take 3 more; seq 3 takes the last 2.
    const v = applyPending(serverState(rich()), [send(2, { smallCargo: 3 }), send(1, { smallCargo: 3 }), send(3, { smallCargo: 2 })]);
    expect(v.pending.map((p) => [p.seq, p.doubtful])).toEqual([
      [1, null],
      [2, 'not enough ships'],
      [3, null],
    ]);
    expect(v.planets[1]!.units.smallCargo).toBe(0);
  });

  it('cargo the planet no longer holds (after a pending order paid) is doubtful and keeps the ships home', () => {
    // 10000 metal − 4 small cargos (8000) = 2000 left; a 2500-metal cargo does not fit.
    const v = applyPending(serverState(rich()), [build(1, 'smallCargo', 4), send(2, { smallCargo: 2 }, { metal: 2500, crystal: 0, deuterium: 0 })]);
    expect(v.pending.map((p) => p.doubtful)).toEqual([null, 'not enough resources']);
    expect(v.planets[1]!.resources).toEqual({ metal: 2000, crystal: 2000, deuterium: 1000 });
    expect(v.planets[1]!.units.smallCargo).toBe(5);
  });

  it('a send from an unknown planet is doubtful', () => {
    const v = applyPending(serverState(rich()), [
      command(1, 'fleets.send', { planetId: 9, ships: { smallCargo: 1 }, mission: 'transport', target: { galaxy: 1, system: 2, position: 4 } }),
    ]);
    expect(v.pending[0]!.doubtful).toBe('not enough ships');
  });

  it('a send the server would refuse as invalid (no target) is marked invalid and changes nothing', () => {
    const state = serverState(rich());
    const v = applyPending(state, [command(1, 'fleets.send', { planetId: 1, ships: { smallCargo: 1 } })]);
    expect(v.pending[0]!.doubtful).toBe('invalid command');
    expect(v.planets[1]!.units).toEqual(state.planets[1]!.units);
  });

  it('a recall is listed and changes no amounts or ships', () => {
    const v = applyPending(serverState(rich()), [command(1, 'fleets.recall', { fleetId: 7 })]);
    expect(v.pending).toEqual([{ seq: 1, type: 'fleets.recall', label: 'Recall a fleet', doubtful: null }]);
    expect(v.planets[1]!.units).toEqual(rich().units);
    expect(v.planets[1]!.resources).toEqual(rich().resources);
  });

  it('does not modify the server state it was given', () => {
    const s = serverState(rich());
    const copy = JSON.parse(JSON.stringify(s));
    applyPending(s, [
      build(1, 'smallCargo', 1),
      send(2, { smallCargo: 2, lightFighter: 2 }, { metal: 10, crystal: 10, deuterium: 10 }),
      command(3, 'fleets.recall', { fleetId: 1 }),
    ]);
    expect(s).toEqual(copy);
  });
});
