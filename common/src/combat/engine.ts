import { simulateExact } from './exact.js';
import { simulateGrouped } from './grouped.js';
import { battleDebris, moonChance } from './outcome.js';
import { TYPE_COUNT, arrayToCounts, countsToArray, matchup, sideProfile } from './profile.js';
import type { BattleSetup, FireTotals, PathResult } from './profile.js';
import { createRng } from './rng.js';
import { binomial } from './sampling.js';
import type { BattleInput, BattleResult, BattleWinner, FireSummary, RoundSummary } from './types.js';
import { UNITS, isDefenseId, unitsCost } from './units.js';
import type { UnitCounts } from './units.js';
import { validateBattleInput } from './validate.js';

/**
 * The combat engine: a pure function of the two sides, the seed and the options.
 *
 * Same input and seed → the same result, deep-equal, on every run (the generator is the only
 * source of randomness and every loop runs in UNITS order). Battles of at most
 * `exactUnitLimit` units are simulated unit by unit (exact.ts), larger ones with groups of
 * identical units (grouped.ts); both follow the same rules and firing order.
 *
 * After the rounds, each destroyed defense unit is repaired with probability `defenseRepair`
 * (a binomial draw per defense type from the same generator, so small counts vary like single
 * units and large counts land near 70%). Repaired defenses are not losses and leave no debris.
 */
/**
 * Bump when a change alters the outcome of some (input, seed): a stored report replays only on
 * the engine version that produced it.
 */
export const COMBAT_ENGINE_VERSION = 1;

export function simulateBattle(input: BattleInput): BattleResult {
  const options = validateBattleInput(input);
  const setup: BattleSetup = {
    profiles: [sideProfile(input.attackers.techs), sideProfile(input.defenders.techs)],
    matchups: [matchup(input.attackers.techs, input.defenders.techs), matchup(input.defenders.techs, input.attackers.techs)],
    initial: [countsToArray(input.attackers.units), countsToArray(input.defenders.units)],
    rounds: options.rounds,
  };
  let units = 0;
  for (const side of setup.initial) for (const n of side) units += n;
  const rng = createRng(input.seed);
  const exact = units <= options.exactUnitLimit;
  const path: PathResult = exact ? simulateExact(setup, rng) : simulateGrouped(setup, rng);

  const [initialA, initialD] = setup.initial;
  const [finalA, finalD] = path.final;
  const lostA = new Float64Array(TYPE_COUNT);
  const lostD = new Float64Array(TYPE_COUNT);
  const repaired = new Float64Array(TYPE_COUNT);
  const survivorsD = new Float64Array(TYPE_COUNT);
  UNITS.forEach((id, t) => {
    lostA[t] = (initialA[t] ?? 0) - (finalA[t] ?? 0);
    const destroyed = (initialD[t] ?? 0) - (finalD[t] ?? 0);
    const back = isDefenseId(id) ? binomial(rng, destroyed, options.defenseRepair) : 0;
    repaired[t] = back;
    lostD[t] = destroyed - back;
    survivorsD[t] = (finalD[t] ?? 0) + back;
  });

  const attackerLost = arrayToCounts(lostA, initialA);
  const defenderLost = arrayToCounts(lostD, initialD);
  const debris = battleDebris([attackerLost, defenderLost], options.debrisShipRatio, options.debrisDefenseRatio);
  const repairedDefenses: UnitCounts = {};
  UNITS.forEach((id, t) => {
    if (isDefenseId(id) && (initialD[t] ?? 0) > 0) repairedDefenses[id] = repaired[t] ?? 0;
  });
  return {
    method: exact ? 'exact' : 'grouped',
    rounds: path.rounds.map((r, i): RoundSummary => ({
      round: i + 1,
      attacker: fireSummary(r.fire[0]),
      defender: fireSummary(r.fire[1]),
      remaining: { attacker: arrayToCounts(r.counts[0], initialA), defender: arrayToCounts(r.counts[1], initialD) },
      remainingHull: { attacker: arrayToCounts(r.hull[0], initialA), defender: arrayToCounts(r.hull[1], initialD) },
    })),
    winner: winnerOf(finalA, finalD),
    attackerLosses: { units: attackerLost, resources: unitsCost(attackerLost) },
    defenderLosses: { units: defenderLost, resources: unitsCost(defenderLost) },
    repairedDefenses,
    debris,
    moonChance: moonChance(debris, options.maxMoonChance),
    survivors: { attacker: arrayToCounts(finalA, initialA), defender: arrayToCounts(survivorsD, initialD) },
  };
}

function fireSummary(f: FireTotals): FireSummary {
  return { shots: f.shots, damage: f.damage, absorbed: f.absorbed, hullDamage: f.hullDamage };
}

/** Decided on the units left after the last round, before repair. */
function winnerOf(attackers: Float64Array, defenders: Float64Array): BattleWinner {
  const a = attackers.some((n) => n > 0);
  const d = defenders.some((n) => n > 0);
  if (a && !d) return 'attacker';
  if (d && !a) return 'defender';
  return 'draw';
}
