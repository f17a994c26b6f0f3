import type { Resources } from './ids.js';

/** Small helpers on resource triples; all return new objects and never mutate. */

export function zeroResources(): Resources {
  return { metal: 0, crystal: 0, deuterium: 0 };
}

export function addResources(a: Resources, b: Resources): Resources {
  return { metal: a.metal + b.metal, crystal: a.crystal + b.crystal, deuterium: a.deuterium + b.deuterium };
}

export function subtractResources(a: Resources, b: Resources): Resources {
  return { metal: a.metal - b.metal, crystal: a.crystal - b.crystal, deuterium: a.deuterium - b.deuterium };
}

/** True when `have` covers `cost` in every resource. */
export function hasResources(have: Resources, cost: Resources): boolean {
  return have.metal >= cost.metal && have.crystal >= cost.crystal && have.deuterium >= cost.deuterium;
}

/** Sum of the three resources (used for points: 1 point per 1000 spent). */
export function totalResources(r: Resources): number {
  return r.metal + r.crystal + r.deuterium;
}
