// Expected numbers computed straight from docs/rules.md, independently of common/src/rules.
// Integer arithmetic only, so no floating-point doubt creeps into the expectations.

/**
 * Building time: `3600 · (M + C) / (2500 · max(4 − L/2, 1) · (1 + R) · 2^N · Se)`, floored,
 * minimum 1 s; the level term is 1 for the nanite factory. Both sides are doubled so that
 * `max(4 − L/2, 1)` becomes the integer `max(8 − L, 2)`.
 */
export function buildSeconds(o: {
  metal: number;
  crystal: number;
  level: number;
  robotics?: number;
  nanite?: number;
  speed?: number;
  isNanite?: boolean;
}): number {
  const levelTermTimes2 = o.isNanite ? 2 : Math.max(8 - o.level, 2);
  const num = 3600 * (o.metal + o.crystal) * 2;
  const den = 2500 * levelTermTimes2 * (1 + (o.robotics ?? 0)) * 2 ** (o.nanite ?? 0) * (o.speed ?? 1);
  return Math.max(1, Math.floor(num / den));
}

/** Research time: `3600 · (M + C) / (1000 · (1 + lab) · Se · Sr)`, floored, minimum 1 s. */
export function researchSeconds(o: { metal: number; crystal: number; lab: number; speed?: number; researchSpeed?: number }): number {
  return Math.max(1, Math.floor((3600 * (o.metal + o.crystal)) / (1000 * (1 + o.lab) * (o.speed ?? 1) * (o.researchSpeed ?? 1))));
}

/** Building costs `floor(base · f^(L−1))` for the levels the tests use, worked out by hand. */
export const COST = {
  metalMine: { 1: [60, 15, 0], 2: [90, 22, 0], 3: [135, 33, 0], 4: [202, 50, 0], 5: [303, 75, 0] },
  solarPlant: { 1: [75, 30, 0] },
  crystalMine: { 1: [48, 24, 0], 10: [3298, 1649, 0] }, // 1.6^9 = 68.719476736
  roboticsFactory: { 1: [400, 120, 200] },
  naniteFactory: { 1: [1_000_000, 500_000, 100_000] },
  researchLab: { 1: [200, 400, 200] },
} as const;

export function cost(building: keyof typeof COST, level: number): { metal: number; crystal: number; deuterium: number } {
  const row = (COST[building] as Record<number, readonly [number, number, number]>)[level];
  if (!row) throw new Error(`no hand-computed cost for ${building} ${level}`);
  return { metal: row[0], crystal: row[1], deuterium: row[2] };
}
