import { endRound, tidyMidRound } from './groups.js';
import type { TypeState } from './groups.js';
import { applyShots, createScratch } from './hits.js';
import type { Group, HitScratch, VolleyShots } from './hits.js';
import { TYPE_COUNT, zeroFire } from './profile.js';
import type { BattleSetup, FireTotals, Matchup, PathResult, PathRound, SideProfile } from './profile.js';
import type { Rng } from './rng.js';
import { multinomial, negativeBinomial } from './sampling.js';

/**
 * The grouped path: the same rules and the same firing order as the exact path (see
 * exact.ts), with whole groups of identical units handled at once, so the cost depends on
 * the number of unit types and damage states, not on the number of units.
 *
 * Shot allocation is exact in distribution: targets are drawn from the round-start units, so
 * where the shots of a shooter type land does not depend on damage done meanwhile. Each shot
 * hits type T with probability π_T (T's share of the enemy units) and is followed by another
 * with probability a_T = 1 − 1/RF_T. Seen as a sequence of independent shots ended by n
 * "stops" (n = number of shooters), the shots that end a chain split over the types as a
 * multinomial with weights π_T(1 − a_T); the shots that continue one number NegBin(n, 1 − c)
 * with c = Σ π_T·a_T and split with weights π_T·a_T. The shots on a type then split over its
 * damage-state groups (and its units already destroyed this round) by count, and hits.ts
 * applies them to each group.
 */

function initialState(counts: Float64Array, profile: SideProfile): TypeState[] {
  const state: TypeState[] = [];
  for (let t = 0; t < TYPE_COUNT; t++) {
    const n = counts[t] ?? 0;
    const groups: Group[] = n > 0 ? [{ count: n, hull: profile.hull[t] ?? 0, shield: profile.shield[t] ?? 0 }] : [];
    state.push({ groups, dead: 0, start: n });
  }
  return state;
}

interface Volley {
  rng: Rng;
  targets: TypeState[];
  targetProfile: SideProfile;
  totals: FireTotals;
  scratch: HitScratch;
}

/** `shots` shots of `damage` on the units of type `t`. */
function shootType(v: Volley, t: number, shots: number, damage: number): void {
  const state = v.targets[t];
  if (state === undefined) return;
  const weights = state.groups.map((g) => g.count);
  weights.push(state.dead);
  const split = multinomial(v.rng, shots, weights);
  const maxHull = v.targetProfile.hull[t] ?? 0;
  const volley: VolleyShots = { rng: v.rng, damage, maxHull, total: shots, totals: v.totals, scratch: v.scratch };
  const out: Group[] = [];
  let dead = 0;
  state.groups.forEach((g, i) => {
    dead += applyShots(volley, g, split[i] ?? 0, out);
  });
  state.dead += dead;
  state.groups = tidyMidRound(out, maxHull);
}

/** One side's fire for a round; `shooters` are its units at the start of the round. */
function fireSide(v: Volley, shooters: Float64Array, shooterProfile: SideProfile, m: Matchup): void {
  const types: number[] = [];
  let enemies = 0;
  for (let t = 0; t < TYPE_COUNT; t++) {
    const n = v.targets[t]?.start ?? 0;
    if (n > 0) {
      types.push(t);
      enemies += n;
    }
  }
  if (enemies === 0) return;
  const stopWeights = new Array<number>(types.length);
  const againWeights = new Array<number>(types.length);
  const stops: number[] = [];
  const again: number[] = [];
  for (let s = 0; s < TYPE_COUNT; s++) {
    const n = shooters[s] ?? 0;
    const damage = shooterProfile.attack[s] ?? 0;
    if (n === 0 || damage === 0) continue;
    let againSum = 0;
    types.forEach((t, i) => {
      const start = v.targets[t]?.start ?? 0;
      const a = m.again[s * TYPE_COUNT + t] ?? 0;
      stopWeights[i] = start * (1 - a);
      againWeights[i] = start * a;
      againSum += start * a;
    });
    multinomial(v.rng, n, stopWeights, stops);
    const extra = againSum > 0 ? negativeBinomial(v.rng, n, againSum / enemies) : 0;
    if (extra > 0) multinomial(v.rng, extra, againWeights, again);
    types.forEach((t, i) => {
      const shots = (stops[i] ?? 0) + (extra > 0 ? (again[i] ?? 0) : 0);
      if (shots === 0) return;
      v.totals.shots += shots;
      v.totals.damage += shots * damage;
      if (m.bounce[s * TYPE_COUNT + t] === 1) v.totals.absorbed += shots * damage;
      else shootType(v, t, shots, damage);
    });
  }
}

function closeRound(state: TypeState[], profile: SideProfile): { counts: Float64Array; hull: Float64Array } {
  const counts = new Float64Array(TYPE_COUNT);
  const hull = new Float64Array(TYPE_COUNT);
  state.forEach((s, t) => {
    const left = endRound(s, profile.hull[t] ?? 0, profile.shield[t] ?? 0);
    counts[t] = left.count;
    hull[t] = left.hull;
  });
  return { counts, hull };
}

function total(counts: Float64Array): number {
  let n = 0;
  for (const c of counts) n += c;
  return n;
}

export function simulateGrouped(setup: BattleSetup, rng: Rng): PathResult {
  const [pa, pd] = setup.profiles;
  const sides: [TypeState[], TypeState[]] = [initialState(setup.initial[0], pa), initialState(setup.initial[1], pd)];
  const scratch = createScratch();
  const rounds: PathRound[] = [];
  let start: [Float64Array, Float64Array] = [Float64Array.from(setup.initial[0]), Float64Array.from(setup.initial[1])];
  for (let r = 0; r < setup.rounds && total(start[0]) > 0 && total(start[1]) > 0; r++) {
    const fa = zeroFire();
    const fd = zeroFire();
    fireSide({ rng, targets: sides[1], targetProfile: pd, totals: fa, scratch }, start[0], pa, setup.matchups[0]);
    fireSide({ rng, targets: sides[0], targetProfile: pa, totals: fd, scratch }, start[1], pd, setup.matchups[1]);
    const ea = closeRound(sides[0], pa);
    const ed = closeRound(sides[1], pd);
    rounds.push({ fire: [fa, fd], counts: [ea.counts, ed.counts], hull: [ea.hull, ed.hull] });
    start = [ea.counts, ed.counts];
  }
  return { rounds, final: start };
}
