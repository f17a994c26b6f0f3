import { describe, expect, it } from '@jest/globals';
import { WHEEL_COST, buildingCost, researchCost } from '@starhold/common';
import { applyPending } from '../../src/renderer/sync/overlay.js';
import { command, planetView, queueItem, serverState } from './factories.js';

const upgrade = (seq: number, building: string, planetId = 1) => command(seq, 'buildings.upgrade', { planetId, building });

describe('applyPending (server state + pending commands)', () => {
  it('returns the server state unchanged when nothing is pending', () => {
    const s = serverState();
    const v = applyPending(s, []);
    expect(v.planets[1]!.resources).toEqual(s.planets[1]!.resources);
    expect(v.planets[1]!.queues.building).toEqual([]);
    expect(v.pending).toEqual([]);
  });

  it("takes each pending upgrade's cost with the common rules and queues it as pending", () => {
    const v = applyPending(serverState(), [upgrade(1, 'metalMine'), upgrade(2, 'crystalMine')]);
    const m1 = buildingCost('metalMine', 1);
    const c1 = buildingCost('crystalMine', 1);
    expect(v.planets[1]!.resources).toEqual({ metal: 500 - m1.metal - c1.metal, crystal: 500 - m1.crystal - c1.crystal, deuterium: 0 });
    expect(v.planets[1]!.queues.building.map((q) => [q.target, q.level, q.pending, q.id])).toEqual([
      ['metalMine', 1, true, -1],
      ['crystalMine', 1, true, -2],
    ]);
    expect(v.pending.map((p) => p.doubtful)).toEqual([null, null]);
  });

  it('prices a repeated upgrade at the level after everything queued (server and pending)', () => {
    const planet = planetView({
      buildingLevels: { metalMine: 2 },
      queues: { building: [queueItem({ target: 'metalMine', level: 3 })] },
      resources: { metal: 5000, crystal: 5000, deuterium: 0 },
    });
    const v = applyPending(serverState(planet), [upgrade(1, 'metalMine'), upgrade(2, 'metalMine')]);
    const levels = v.planets[1]!.queues.building.map((q) => q.level);
    expect(levels).toEqual([3, 4, 5]);
    const spent = buildingCost('metalMine', 4).metal + buildingCost('metalMine', 5).metal;
    expect(v.planets[1]!.resources.metal).toBe(5000 - spent);
  });

  it('applies commands in seq order whatever order they are given in', () => {
    const a = applyPending(serverState(), [upgrade(2, 'crystalMine'), upgrade(1, 'metalMine')]);
    expect(a.pending.map((p) => p.seq)).toEqual([1, 2]);
    expect(a.planets[1]!.queues.building[0]!.target).toBe('metalMine');
  });

  it('marks an unaffordable command doubtful and deducts nothing for it', () => {
    const planet = planetView({ resources: { metal: 100, crystal: 100, deuterium: 0 } });
    const v = applyPending(serverState(planet), [upgrade(1, 'metalMine'), upgrade(2, 'deuteriumSynthesizer')]);
    expect(v.pending[0]!.doubtful).toBeNull();
    expect(v.pending[1]!.doubtful).toBe('not enough resources');
    expect(v.planets[1]!.resources.metal).toBe(100 - buildingCost('metalMine', 1).metal);
    expect(v.planets[1]!.queues.building).toHaveLength(1);
  });

  it('cancelling refunds the item and the later levels of the same building', () => {
    const queue = [
      queueItem({ id: 1, target: 'metalMine', level: 1, cost: buildingCost('metalMine', 1) }),
      queueItem({ id: 2, target: 'crystalMine', level: 1, cost: buildingCost('crystalMine', 1), startsAt: null, endsAt: null }),
      queueItem({ id: 3, target: 'metalMine', level: 2, cost: buildingCost('metalMine', 2), startsAt: null, endsAt: null }),
    ];
    const planet = planetView({ queues: { building: queue }, resources: { metal: 0, crystal: 0, deuterium: 0 } });
    const v = applyPending(serverState(planet), [command(1, 'buildings.cancel', { planetId: 1, queueItemId: 1 })]);
    expect(v.planets[1]!.queues.building.map((q) => q.id)).toEqual([2]);
    expect(v.planets[1]!.resources.metal).toBe(buildingCost('metalMine', 1).metal + buildingCost('metalMine', 2).metal);
  });

  it('a cancel of an item that is gone is doubtful and changes nothing', () => {
    const v = applyPending(serverState(), [command(1, 'buildings.cancel', { planetId: 1, queueItemId: 99 })]);
    expect(v.pending[0]!.doubtful).toBe('no such queue item');
    expect(v.planets[1]!.resources).toEqual(serverState().planets[1]!.resources);
  });

  it('starts research at the next level and pays from the planet', () => {
    const planet = planetView({ resources: { metal: 1000, crystal: 1000, deuterium: 1000 } });
    const v = applyPending(serverState(planet), [command(1, 'research.start', { planetId: 1, research: 'energy' })]);
    const cost = researchCost('energy', 1);
    expect(v.research!.queue.map((q) => [q.target, q.level, q.pending])).toEqual([['energy', 1, true]]);
    expect(v.planets[1]!.resources).toEqual({ metal: 1000 - cost.metal, crystal: 1000 - cost.crystal, deuterium: 1000 - cost.deuterium });
  });

  it('a wheel spin costs WHEEL_COST', () => {
    const planet = planetView({ resources: { metal: 5000, crystal: 5000, deuterium: 5000 } });
    const v = applyPending(serverState(planet), [command(1, 'wheel.spin', { planetId: 1, clientSeed: 'x' })]);
    expect(v.planets[1]!.resources).toEqual({
      metal: 5000 - WHEEL_COST.metal,
      crystal: 5000 - WHEEL_COST.crystal,
      deuterium: 5000 - WHEEL_COST.deuterium,
    });
  });

  it('does not modify its inputs', () => {
    const s = serverState();
    const copy = JSON.parse(JSON.stringify(s));
    applyPending(s, [upgrade(1, 'metalMine'), command(2, 'research.start', { planetId: 1, research: 'energy' })]);
    expect(s).toEqual(copy);
  });

  it('flags unknown commands, planets and buildings', () => {
    const v = applyPending(serverState(), [command(1, 'fleet.send', {}), upgrade(2, 'metalMine', 7), upgrade(3, 'deathStar')]);
    expect(v.pending.map((p) => p.doubtful)).toEqual(['unknown command', 'unknown planet or building', 'unknown planet or building']);
  });
});
