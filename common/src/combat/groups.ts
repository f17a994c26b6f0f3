import type { Group } from './hits.js';

/**
 * The units of one type on one side, as groups of identical damage state, plus the units
 * destroyed in the current round (they still draw fire until the round ends).
 *
 * Bounded memory: identical states merge exactly. When a type still has more than
 * MID_ROUND_GROUPS states during a round, or more than HULL_LEVELS (+ the undamaged group)
 * at the end of a round, states are merged by hull level: hull is cut into HULL_LEVELS equal
 * bands of the full hull, and each band becomes one group with the count-weighted mean hull
 * (and mean shield). Totals of units and hull points are kept; a unit's hull moves by at most
 * 1/HULL_LEVELS of its full hull (1.6%), which shifts its explosion chance by at most as much.
 * Undamaged units are never merged with damaged ones.
 */

export const HULL_LEVELS = 64;
export const MID_ROUND_GROUPS = 256;

export interface TypeState {
  groups: Group[];
  /** Destroyed in the current round. */
  dead: number;
  /** Units at the start of the current round (alive + dead). */
  start: number;
}

/** Merges groups with the same hull and shield, keeping first-seen order. */
export function mergeSame(groups: Group[]): Group[] {
  if (groups.length < 2) return groups;
  // Numeric keys (hull, then shield): no key strings to build on this hot path.
  const byHull = new Map<number, Map<number, Group>>();
  const out: Group[] = [];
  for (const g of groups) {
    if (g.count === 0) continue;
    let byShield = byHull.get(g.hull);
    if (byShield === undefined) {
      byShield = new Map();
      byHull.set(g.hull, byShield);
    }
    const seen = byShield.get(g.shield);
    if (seen === undefined) {
      const copy = { count: g.count, hull: g.hull, shield: g.shield };
      byShield.set(g.shield, copy);
      out.push(copy);
    } else {
      seen.count += g.count;
    }
  }
  return out;
}

/** Merges damaged groups by hull band (see above), undamaged first, then bands from the top. */
export function mergeByHullLevel(groups: Group[], maxHull: number): Group[] {
  const count = new Float64Array(HULL_LEVELS + 1);
  const hullSum = new Float64Array(HULL_LEVELS + 1);
  const shieldSum = new Float64Array(HULL_LEVELS + 1);
  const full: Group[] = [];
  for (const g of groups) {
    if (g.hull >= maxHull) {
      full.push(g);
      continue;
    }
    const level = Math.min(HULL_LEVELS - 1, Math.max(0, Math.floor((g.hull / maxHull) * HULL_LEVELS)));
    count[level] = (count[level] ?? 0) + g.count;
    hullSum[level] = (hullSum[level] ?? 0) + g.count * g.hull;
    shieldSum[level] = (shieldSum[level] ?? 0) + g.count * g.shield;
  }
  const out = mergeSame(full);
  for (let level = HULL_LEVELS - 1; level >= 0; level--) {
    const n = count[level] ?? 0;
    if (n > 0) out.push({ count: n, hull: (hullSum[level] ?? 0) / n, shield: (shieldSum[level] ?? 0) / n });
  }
  return out;
}

/** After a volley: exact merge, and band merge if a type still has too many states. */
export function tidyMidRound(groups: Group[], maxHull: number): Group[] {
  const merged = mergeSame(groups);
  return merged.length > MID_ROUND_GROUPS ? mergeByHullLevel(merged, maxHull) : merged;
}

/**
 * End of round: the dead leave, shields return to full, states merge. Returns the units and
 * hull points left.
 */
export function endRound(state: TypeState, maxHull: number, maxShield: number): { count: number; hull: number } {
  for (const g of state.groups) g.shield = maxShield;
  let groups = mergeSame(state.groups);
  if (groups.length > HULL_LEVELS + 1) groups = mergeByHullLevel(groups, maxHull);
  state.groups = groups;
  state.dead = 0;
  let count = 0;
  let hull = 0;
  for (const g of groups) {
    count += g.count;
    hull += g.count * g.hull;
  }
  state.start = count;
  return { count, hull };
}
