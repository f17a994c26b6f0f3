import { TYPE_COUNT, explodeChance, zeroFire } from './profile.js';
import type { BattleSetup, FireTotals, Matchup, PathResult, PathRound, SideProfile } from './profile.js';
import type { Rng } from './rng.js';

// Math functions bound once: under Jest's VM-module sandbox every lookup of the global `Math`
// is slow (the sandbox global is intercepted), which made hot loops ~20× slower in tests.
const { floor } = Math;

/**
 * The exact path: one slot per unit, every shot drawn on its own. It is the rules read
 * literally, used for small battles and as the reference the grouped engine is checked
 * against. Cost grows with units × shots, so large battles use the grouped path.
 *
 * A round: every unit alive at the start of the round fires, attacker side first, units in
 * UNITS order. A shot picks a uniformly random enemy among those alive at the start of the
 * round (a unit destroyed earlier in the same round still draws fire: that shot is wasted).
 * After a shot at a type it has rapid fire RF against, the shooter fires again with
 * probability 1 − 1/RF. Dead units are removed and shields restored at the end of the round.
 */

interface Fleet {
  type: Uint8Array;
  hull: Float64Array;
  shield: Float64Array;
  alive: Uint8Array;
  size: number;
}

function buildFleet(counts: Float64Array, profile: SideProfile): Fleet {
  let size = 0;
  for (let t = 0; t < TYPE_COUNT; t++) size += counts[t] ?? 0;
  const fleet: Fleet = {
    type: new Uint8Array(size),
    hull: new Float64Array(size),
    shield: new Float64Array(size),
    alive: new Uint8Array(size),
    size,
  };
  let i = 0;
  for (let t = 0; t < TYPE_COUNT; t++) {
    const n = counts[t] ?? 0;
    for (let k = 0; k < n; k++, i++) {
      fleet.type[i] = t;
      fleet.hull[i] = profile.hull[t] ?? 0;
      fleet.shield[i] = profile.shield[t] ?? 0;
      fleet.alive[i] = 1;
    }
  }
  return fleet;
}

function fire(rng: Rng, from: Fleet, to: Fleet, fromProfile: SideProfile, toProfile: SideProfile, m: Matchup): FireTotals {
  const totals = zeroFire();
  if (to.size === 0) return totals;
  for (let i = 0; i < from.size; i++) {
    const s = from.type[i] ?? 0;
    const attack = fromProfile.attack[s] ?? 0;
    if (attack === 0) continue;
    for (;;) {
      const j = floor(rng.next() * to.size);
      const t = to.type[j] ?? 0;
      totals.shots++;
      totals.damage += attack;
      if (to.alive[j] === 1) hit(rng, to, j, t, attack, m.bounce[s * TYPE_COUNT + t] === 1, toProfile, totals);
      const again = m.again[s * TYPE_COUNT + t] ?? 0;
      if (!(again > 0 && rng.next() < again)) break;
    }
  }
  return totals;
}

function hit(rng: Rng, to: Fleet, j: number, t: number, attack: number, bounced: boolean, profile: SideProfile, totals: FireTotals): void {
  if (bounced) {
    totals.absorbed += attack;
    return;
  }
  const shield = to.shield[j] ?? 0;
  const absorbed = attack < shield ? attack : shield;
  to.shield[j] = shield - absorbed;
  totals.absorbed += absorbed;
  const rest = attack - absorbed;
  const hull = to.hull[j] ?? 0;
  totals.hullDamage += rest < hull ? rest : hull;
  const left = hull - rest;
  to.hull[j] = left;
  if (left <= 0) {
    to.alive[j] = 0;
    return;
  }
  const chance = explodeChance(left, profile.hull[t] ?? 0);
  if (chance > 0 && rng.next() < chance) to.alive[j] = 0;
}

/** Drops the dead, restores shields; returns counts and hull left per type. */
function endRound(fleet: Fleet, profile: SideProfile): { counts: Float64Array; hull: Float64Array } {
  const counts = new Float64Array(TYPE_COUNT);
  const hull = new Float64Array(TYPE_COUNT);
  let w = 0;
  for (let i = 0; i < fleet.size; i++) {
    if (fleet.alive[i] !== 1) continue;
    const t = fleet.type[i] ?? 0;
    const h = fleet.hull[i] ?? 0;
    fleet.type[w] = t;
    fleet.hull[w] = h;
    fleet.shield[w] = profile.shield[t] ?? 0;
    fleet.alive[w] = 1;
    counts[t] = (counts[t] ?? 0) + 1;
    hull[t] = (hull[t] ?? 0) + h;
    w++;
  }
  fleet.size = w;
  return { counts, hull };
}

export function simulateExact(setup: BattleSetup, rng: Rng): PathResult {
  const [pa, pd] = setup.profiles;
  const a = buildFleet(setup.initial[0], pa);
  const d = buildFleet(setup.initial[1], pd);
  const rounds: PathRound[] = [];
  let final: [Float64Array, Float64Array] = [Float64Array.from(setup.initial[0]), Float64Array.from(setup.initial[1])];
  for (let r = 0; r < setup.rounds && a.size > 0 && d.size > 0; r++) {
    const fa = fire(rng, a, d, pa, pd, setup.matchups[0]);
    const fd = fire(rng, d, a, pd, pa, setup.matchups[1]);
    const ea = endRound(a, pa);
    const ed = endRound(d, pd);
    rounds.push({ fire: [fa, fd], counts: [ea.counts, ed.counts], hull: [ea.hull, ed.hull] });
    final = [ea.counts, ed.counts];
  }
  return { rounds, final };
}
