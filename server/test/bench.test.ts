import { describe, expect, it } from '@jest/globals';
import { parseBenchArgs } from '../src/bench/args.js';
import { median } from '../src/bench/child.js';
import { SCENARIOS, selectScenarios } from '../src/bench/registry.js';
import { battleInput, runBattleJob } from '../src/bench/scenarios/battle-job.js';
import { figure } from '../src/bench/types.js';

describe('bench runner arguments', () => {
  it.each([
    [[], { quick: false, only: [], list: false }],
    [['--quick'], { quick: true, only: [], list: false }],
    [['--only', 'battle'], { quick: false, only: ['battle'], list: false }],
    [['--only=battle,tick', '--only', 'sockets', '--list'], { quick: false, only: ['battle', 'tick', 'sockets'], list: true }],
  ])('%j', (argv, expected) => {
    expect(parseBenchArgs(argv)).toEqual(expected);
  });

  it.each([[['--only']], [['--only', '--quick']], [['--fast']], [['battle']]])('rejects %j', (argv) => {
    expect(() => parseBenchArgs(argv)).toThrow(/usage/);
  });
});

describe('scenario registry', () => {
  it('has unique lower-case names and selects by name', () => {
    const names = SCENARIOS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(selectScenarios([]).map((s) => s.name)).toEqual(names);
    expect(selectScenarios(['battle']).map((s) => s.name)).toEqual(['battle']);
    expect(() => selectScenarios(['nope'])).toThrow(/unknown scenario "nope"; known: .*battle/);
  });
});

describe('figures', () => {
  it('carry value / baseline as the ratio, rounded to 3 decimals', () => {
    expect(figure('b', 'time', 2, 'ms', 3, 'x')).toEqual({
      bench: 'b',
      metric: 'time',
      value: 2,
      unit: 'ms',
      baseline: 3,
      ratio: 0.667,
      baselineIs: 'x',
    });
    expect(figure('b', 'time', 2, 'ms', 0, 'x').ratio).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('battle job', () => {
  const job = {
    attackers: { cruiser: 700_000, battleship: 100_000 },
    defenders: { plasmaTurret: 20_000, rocketLauncher: 100_000 },
    scale: 0.001,
    repeats: 2,
    seed: 1,
  };

  it('scales the battle (never below one unit of a type) and picks the path', () => {
    expect(battleInput({ ...job, exact: false }, 5)).toMatchObject({
      attackers: { units: { cruiser: 700, battleship: 100 } },
      defenders: { units: { plasmaTurret: 20, rocketLauncher: 100 } },
      seed: 5,
      options: { exactUnitLimit: 0 },
    });
    expect(battleInput({ ...job, scale: 1e-6, exact: true }, 1).defenders.units).toEqual({ plasmaTurret: 1, rocketLauncher: 1 });
  });

  it.each([
    [false, 'grouped'],
    [true, 'exact'],
  ])('measures a battle (exact: %p → %s path)', (exact, method) => {
    const m = runBattleJob({ ...job, exact });
    expect(m).toMatchObject({ units: 920, method, winner: 'attacker' });
    expect(m.rounds).toBeGreaterThan(0);
    for (const x of [m.coldMs, m.warmMs, m.peakRssMiB, m.heapUsedMiB]) expect(Number.isFinite(x) && x > 0).toBe(true);
  });
});
