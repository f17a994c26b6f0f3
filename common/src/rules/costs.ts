import type { BuildingId, ResearchId, Resources } from './ids.js';
import { div, floorOf, maxRatio, mul, pow, ratio, roundOf } from './rational.js';
import type { Ratio } from './rational.js';
import type { UniverseSettings } from './universe.js';
import { assertLevel, positiveRatio } from './validate.js';

// Requirements live in their own file; re-exported here because the public contract
// names `costs.ts` as their home.
export { BUILDING_REQUIREMENTS, RESEARCH_REQUIREMENTS, missingRequirements } from './requirements.js';
export type { Requirements } from './requirements.js';

interface CostRule {
  /** Cost of level 1 as [metal, crystal, deuterium]. */
  readonly base: readonly [number, number, number];
  /** Growth factor per level, kept as an exact ratio. */
  readonly factor: Ratio;
}

const F1_5 = ratio(3, 2);
const F1_6 = ratio(8, 5);
const F1_8 = ratio(9, 5);
const F2 = ratio(2);
const F1_75 = ratio(7, 4);

const BUILDING_COSTS: Readonly<Record<BuildingId, CostRule>> = {
  metalMine: { base: [60, 15, 0], factor: F1_5 },
  crystalMine: { base: [48, 24, 0], factor: F1_6 },
  deuteriumSynthesizer: { base: [225, 75, 0], factor: F1_5 },
  solarPlant: { base: [75, 30, 0], factor: F1_5 },
  fusionReactor: { base: [900, 360, 180], factor: F1_8 },
  roboticsFactory: { base: [400, 120, 200], factor: F2 },
  shipyard: { base: [400, 200, 100], factor: F2 },
  researchLab: { base: [200, 400, 200], factor: F2 },
  metalStorage: { base: [1000, 0, 0], factor: F2 },
  crystalStorage: { base: [1000, 500, 0], factor: F2 },
  deuteriumTank: { base: [1000, 1000, 0], factor: F2 },
  naniteFactory: { base: [1_000_000, 500_000, 100_000], factor: F2 },
  missileSilo: { base: [20_000, 20_000, 1_000], factor: F2 },
};

const RESEARCH_COSTS: Readonly<Record<ResearchId, CostRule>> = {
  energy: { base: [0, 800, 400], factor: F2 },
  laser: { base: [200, 100, 0], factor: F2 },
  ion: { base: [1000, 300, 100], factor: F2 },
  hyperspace: { base: [0, 4000, 2000], factor: F2 },
  plasma: { base: [2000, 4000, 1000], factor: F2 },
  combustion: { base: [400, 0, 600], factor: F2 },
  impulse: { base: [2000, 4000, 600], factor: F2 },
  hyperspaceDrive: { base: [10_000, 20_000, 6000], factor: F2 },
  espionage: { base: [200, 1000, 200], factor: F2 },
  computer: { base: [0, 400, 600], factor: F2 },
  astrophysics: { base: [4000, 8000, 4000], factor: F1_75 },
  weapons: { base: [800, 200, 0], factor: F2 },
  shielding: { base: [200, 600, 0], factor: F2 },
  armour: { base: [1000, 0, 0], factor: F2 },
};

function scaled(rule: CostRule, level: number, round: (x: Ratio) => number): Resources {
  assertLevel(level);
  if (level === 0) return { metal: 0, crystal: 0, deuterium: 0 };
  const growth = pow(rule.factor, level - 1);
  const [m, c, d] = rule.base;
  return {
    metal: round(mul(ratio(m), growth)),
    crystal: round(mul(ratio(c), growth)),
    deuterium: round(mul(ratio(d), growth)),
  };
}

const roundToHundred = (x: Ratio): number => roundOf(mul(x, ratio(1, 100))) * 100;

/**
 * Cost of upgrading building `b` to `level`: `floor(base · f^(level−1))` per resource.
 * Level 0 costs nothing; negative or fractional levels throw a RangeError.
 */
export function buildingCost(b: BuildingId, level: number): Resources {
  return scaled(BUILDING_COSTS[b], level, floorOf);
}

/**
 * Cost of researching `r` to `level`: `floor(base · 2^(level−1))`; astrophysics
 * uses `f = 1.75` and rounds each resource to the nearest 100 (halves up).
 */
export function researchCost(r: ResearchId, level: number): Resources {
  return r === 'astrophysics' ? scaled(RESEARCH_COSTS[r], level, roundToHundred) : scaled(RESEARCH_COSTS[r], level, floorOf);
}

/** Levels of the buildings that speed up construction on the planet. */
export interface ConstructionFactories {
  robotics: number;
  nanite: number;
}

/** `3600 · (M + C) / divisor` seconds, floored, at least 1. */
function seconds(cost: Resources, divisor: Ratio): number {
  const work = ratio(3600 * (cost.metal + cost.crystal));
  return Math.max(1, floorOf(div(work, divisor)));
}

/**
 * Build time in seconds:
 * `3600 · (M + C) / (2500 · max(4 − L/2, 1) · (1 + R) · 2^N · Se)`, floored, minimum 1.
 * The level term is 1 for the nanite factory. Level 0 costs nothing and so takes the
 * minimum of 1 s.
 */
export function buildingTimeSeconds(b: BuildingId, level: number, f: ConstructionFactories, s: UniverseSettings): number {
  assertLevel(level);
  assertLevel(f.robotics, 'robotics level');
  assertLevel(f.nanite, 'nanite level');
  const levelTerm = b === 'naniteFactory' ? ratio(1) : maxRatio(ratio(8 - level, 2), ratio(1));
  const divisor = mul(ratio(2500), levelTerm, ratio(1 + f.robotics), ratio(2n ** BigInt(f.nanite)), positiveRatio(s.economySpeed, 'economySpeed'));
  return seconds(buildingCost(b, level), divisor);
}

/**
 * Research time in seconds: `3600 · (M + C) / (1000 · (1 + lab) · Se · Sr)`, floored,
 * minimum 1.
 */
export function researchTimeSeconds(r: ResearchId, level: number, labLevel: number, s: UniverseSettings): number {
  assertLevel(level);
  assertLevel(labLevel, 'lab level');
  const divisor = mul(
    ratio(1000),
    ratio(1 + labLevel),
    positiveRatio(s.economySpeed, 'economySpeed'),
    positiveRatio(s.researchSpeed, 'researchSpeed'),
  );
  return seconds(researchCost(r, level), divisor);
}
