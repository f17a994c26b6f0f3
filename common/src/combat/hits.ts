import { explodeChance } from './profile.js';
import type { FireTotals } from './profile.js';
import type { Rng } from './rng.js';
import { binomial } from './sampling.js';

// Math functions bound once: under Jest's VM-module sandbox every lookup of the global `Math`
// is slow (the sandbox global is intercepted), which made hot loops ~20× slower in tests.
const { floor, log, log1p, exp, max } = Math;

/**
 * Applying S identical shots to one group of N identical units (same type, hull and shield).
 *
 * Every shot picks a uniformly random unit of the group. Because the shots are identical, a
 * unit's fate depends only on how many of them it receives: after j hits its shield and hull
 * are fixed numbers (the trajectory below), and the only randomness left is whether it
 * explodes along the way. So the work is (1) the number of units receiving k hits, for each
 * k, and (2) for each such class, how many survive k hits.
 *
 * (1) is sampled exactly when that is cheap: shots are thrown one by one when the whole volley
 * (the shots of one shooter type on one target type) is at most EXACT_VOLLEY, or the group
 * gets at most TINY_SHOTS; a group of at most SMALL_GROUP units draws its units' hit counts one
 * after the other (unit i gets Binomial(shots left, 1/(units left))). Otherwise the units are
 * treated as independent, each with Binomial(S, 1/N) hits, and the group is walked level by
 * level (units with ≥ j+1 hits among the survivors with ≥ j hits, via the binomial hazard), at
 * a cost that depends on neither S nor N. This keeps every unit's marginal distribution exact;
 * it drops the slight negative correlation between units' hit counts, so the hits a target type
 * receives from a volley vary by about 1/√S around S (≤ 1.6% for volleys above EXACT_VOLLEY) on
 * top of the volley's own randomness; hits on surviving units are capped at S, so a volley
 * never deals more than it fired.
 */

export const EXACT_VOLLEY = 4096;
export const TINY_SHOTS = 64;
export const SMALL_GROUP = 64;
/** Largest group for which the exact shot throw uses a counter per unit (else it sorts). */
const COUNTER_LIMIT = 1 << 21;
/** Below this the upper tail of the hit-count distribution is treated as empty. */
const TAIL_EPSILON = 1e-13;

export interface Group {
  count: number;
  hull: number;
  shield: number;
}

/** Reusable buffers of one battle. */
export interface HitScratch {
  counters: Uint32Array;
  touched: Uint32Array;
}

export function createScratch(): HitScratch {
  return { counters: new Uint32Array(0), touched: new Uint32Array(0) };
}

/** The deterministic life of one unit under repeated hits of `damage`, extended on demand. */
class Trajectory {
  readonly hull: number[];
  readonly shield: number[];
  /** Per hit j (index j, from 1): shield absorption, hull removed, survival probability. */
  readonly absorbed: number[] = [0];
  readonly hullDamage: number[] = [0];
  readonly survive: number[] = [1];
  /** The hit that destroys the unit outright (hull ≤ 0), once reached. */
  deadAt = Number.POSITIVE_INFINITY;

  constructor(
    hull: number,
    shield: number,
    private readonly damage: number,
    private readonly maxHull: number,
  ) {
    this.hull = [hull];
    this.shield = [shield];
  }

  /** Makes hit `j` known (up to the destroying hit). */
  ensure(j: number): void {
    for (let i = this.hull.length; i <= j && i <= this.deadAt; i++) {
      const shield = this.shield[i - 1] ?? 0;
      const hull = this.hull[i - 1] ?? 0;
      const absorbed = this.damage < shield ? this.damage : shield;
      const rest = this.damage - absorbed;
      const left = hull - rest;
      this.shield.push(shield - absorbed);
      this.hull.push(left);
      this.absorbed.push(absorbed);
      this.hullDamage.push(rest < hull ? rest : hull);
      if (left <= 0) {
        this.survive.push(0);
        this.deadAt = i;
      } else {
        this.survive.push(1 - explodeChance(left, this.maxHull));
      }
    }
  }
}

interface Walk {
  rng: Rng;
  traj: Trajectory;
  totals: FireTotals;
  out: Group[];
  dead: number;
}

/** `count` units that all receive exactly `k` hits. */
function walkClass(w: Walk, count: number, k: number): void {
  let alive = count;
  const { traj, totals } = w;
  for (let j = 1; j <= k; j++) {
    traj.ensure(j);
    totals.absorbed += alive * (traj.absorbed[j] ?? 0);
    totals.hullDamage += alive * (traj.hullDamage[j] ?? 0);
    const p = traj.survive[j] ?? 0;
    if (p < 1) {
      const s = p > 0 ? binomial(w.rng, alive, p) : 0;
      w.dead += alive - s;
      alive = s;
      if (alive === 0) return;
    }
  }
  if (alive > 0) w.out.push({ count: alive, hull: traj.hull[k] ?? 0, shield: traj.shield[k] ?? 0 });
}

/** Walks every hit-count class (`byHits[k]` units with k hits), in increasing k. */
function walkTally(w: Walk, group: Group, untouched: number, byHits: readonly (number | undefined)[]): void {
  if (untouched > 0) w.out.push({ count: untouched, hull: group.hull, shield: group.shield });
  for (let k = 1; k < byHits.length; k++) {
    const n = byHits[k];
    if (n !== undefined && n > 0) walkClass(w, n, k);
  }
}

/** Exact: throw the shots one by one. */
function throwShots(w: Walk, group: Group, shots: number, scratch: HitScratch): void {
  const n = group.count;
  const byHits: number[] = [];
  let hitUnits = 0;
  if (n <= COUNTER_LIMIT) {
    if (scratch.counters.length < n) scratch.counters = new Uint32Array(max(n, scratch.counters.length * 2));
    if (scratch.touched.length < shots) scratch.touched = new Uint32Array(max(shots, scratch.touched.length * 2));
    const { counters, touched } = scratch;
    for (let i = 0; i < shots; i++) {
      // One 32-bit draw per shot: n ≤ 2^21, so the product is exact and each unit's chance
      // is 1/n within a relative 2^-11 (the multiply-shift bias).
      const u = floor((w.rng.nextUint32() * n) / 4294967296);
      const c = counters[u] ?? 0;
      if (c === 0) touched[hitUnits++] = u;
      counters[u] = c + 1;
    }
    for (let i = 0; i < hitUnits; i++) {
      const u = touched[i] ?? 0;
      const k = counters[u] ?? 0;
      byHits[k] = (byHits[k] ?? 0) + 1;
      counters[u] = 0;
    }
  } else {
    const picks = new Float64Array(shots);
    for (let i = 0; i < shots; i++) picks[i] = floor(w.rng.next() * n);
    picks.sort();
    for (let i = 0; i < shots;) {
      let j = i + 1;
      while (j < shots && picks[j] === picks[i]) j++;
      byHits[j - i] = (byHits[j - i] ?? 0) + 1;
      hitUnits++;
      i = j;
    }
  }
  walkTally(w, group, n - hitUnits, byHits);
}

/** Exact: each unit of a small group draws its hits from what the previous ones left. */
function dealToUnits(w: Walk, group: Group, shots: number): void {
  const hits: number[] = [];
  let left = shots;
  for (let i = group.count; i > 0; i--) {
    const k = i === 1 ? left : binomial(w.rng, left, 1 / i);
    left -= k;
    hits.push(k);
  }
  // At most SMALL_GROUP classes, walked in increasing k (k can be large, so no k-indexed array).
  hits.sort((a, b) => a - b);
  let untouched = 0;
  while (untouched < hits.length && hits[untouched] === 0) untouched++;
  if (untouched > 0) w.out.push({ count: untouched, hull: group.hull, shield: group.shield });
  for (let i = untouched; i < hits.length;) {
    const k = hits[i] ?? 0;
    let j = i + 1;
    while (j < hits.length && hits[j] === k) j++;
    walkClass(w, j - i, k);
    i = j;
  }
}

/** Independent units, walked level by level with the Binomial(S, 1/N) hazard. */
function walkLevels(w: Walk, group: Group, shots: number): void {
  const q = 1 / group.count;
  const logRatio = log(q / (1 - q));
  let logP = shots * log1p(-q); // log P(K = 0)
  let tail = 1; // P(K ≥ j)
  let alive = group.count;
  let budget = shots;
  const { traj, totals } = w;
  for (let j = 0; ;) {
    const next = tail - exp(logP); // P(K ≥ j + 1)
    let hazard = j >= shots || tail < TAIL_EPSILON ? 0 : next / tail;
    if (hazard < 0) hazard = 0;
    else if (hazard > 1) hazard = 1;
    // Independent units may ask for more hits than there are shots: never apply more than S.
    const wanted = binomial(w.rng, alive, hazard);
    const go = wanted < budget ? wanted : budget;
    budget -= go;
    if (alive - go > 0) w.out.push({ count: alive - go, hull: traj.hull[j] ?? 0, shield: traj.shield[j] ?? 0 });
    if (go === 0) return;
    j++;
    traj.ensure(j);
    totals.absorbed += go * (traj.absorbed[j] ?? 0);
    totals.hullDamage += go * (traj.hullDamage[j] ?? 0);
    const p = traj.survive[j] ?? 0;
    alive = p >= 1 ? go : p > 0 ? binomial(w.rng, go, p) : 0;
    w.dead += go - alive;
    if (alive === 0) return;
    logP += log(shots - j + 1) - log(j) + logRatio;
    tail = next;
  }
}

/** One volley: the shots of one shooter type on one target type. */
export interface VolleyShots {
  rng: Rng;
  damage: number;
  maxHull: number;
  /** Shots of the whole volley (decides whether groups get an exact throw). */
  total: number;
  totals: FireTotals;
  scratch: HitScratch;
}

/**
 * Applies `shots` of the volley's shots (not bounced) to `group`; pushes the surviving
 * subgroups (by damage state) to `out`, adds shield absorption and hull damage to the
 * volley's totals, and returns the number of units destroyed.
 */
export function applyShots(v: VolleyShots, group: Group, shots: number, out: Group[]): number {
  const w: Walk = { rng: v.rng, traj: new Trajectory(group.hull, group.shield, v.damage, v.maxHull), totals: v.totals, out, dead: 0 };
  if (shots <= 0) out.push(group);
  else if (group.count === 1) walkClass(w, 1, shots);
  else if (shots <= TINY_SHOTS || v.total <= EXACT_VOLLEY) throwShots(w, group, shots, v.scratch);
  else if (group.count <= SMALL_GROUP) dealToUnits(w, group, shots);
  else walkLevels(w, group, shots);
  return w.dead;
}
