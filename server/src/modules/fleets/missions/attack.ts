import { randomInt } from 'node:crypto';
import { COMBAT_ENGINE_VERSION, DEFAULT_BATTLE_OPTIONS, cargoCapacity, computeLoot, simulateBattle, type Participant } from '@starhold/common';
import { addDebris } from '../../galaxy/debris.js';
import { amountsOf, spend } from '../../planets/economy.js';
import type { Planet } from '../../planets/planet.entity.js';
import { battleSummary } from '../../reports/view.js';
import { BattleReportSchema, type StoredBattleInput } from '../../reports/report.entity.js';
import { compactCounts } from '../../shipyard/units.js';
import { NO_RESOURCES, cargoOf, setCargo, total } from '../cargo.js';
import type { Fleet } from '../fleet.entity.js';
import { combatTechs, playerInfo } from '../players.js';
import { targetOf } from '../view.js';
import type { Arrival, ArrivalResult } from './types.js';

/** Largest seed drawn for a battle (randomInt takes ranges below 2^48). */
const SEED_RANGE = 2 ** 48 - 1;

/**
 * Attack: the fleet fights the ships and defenses on the target planet (settled at the arrival
 * instant), inside this event's transaction. Losses are applied on both sides (defenses already
 * include the 70% repair), debris goes to the field at the target, a winning attacker loots up to
 * half of each resource within its surviving free cargo space, and the report (seed + inputs) is
 * stored and pushed to both players.
 */
export async function attack({ ctx, fleet, target }: Arrival): Promise<ArrivalResult> {
  if (!target || target.playerId === fleet.playerId) {
    return { outcome: { mission: 'attack', reportId: null, winner: null, loot: { ...NO_RESOURCES }, destroyed: false }, returns: true, notices: [] };
  }
  const { em, event } = ctx;
  const [attacker, defender] = [await playerInfo(em, fleet.playerId), await playerInfo(em, target.playerId)];
  const input: StoredBattleInput = {
    attackers: { units: compactCounts(fleet.ships), techs: combatTechs(attacker.research) },
    defenders: { units: compactCounts(target.units), techs: combatTechs(defender.research) },
    options: { ...DEFAULT_BATTLE_OPTIONS },
  };
  const seed = randomInt(SEED_RANGE);
  const result = simulateBattle({ ...input, seed });

  fleet.ships = compactCounts(result.survivors.attacker);
  target.units = compactCounts(result.survivors.defender);
  const destroyed = Object.keys(fleet.ships).length === 0;
  const loot = result.winner === 'attacker' ? plunder(fleet, target) : { ...NO_RESOURCES };
  await addDebris(em, targetOf(fleet), result.debris, event.dueAt);

  const report = em.create(BattleReportSchema, {
    attackerId: fleet.playerId,
    defenderId: target.playerId,
    fleetId: fleet.id,
    planetId: target.id,
    planetName: target.name,
    galaxy: target.galaxy,
    system: target.system,
    position: target.position,
    seed,
    engineVersion: COMBAT_ENGINE_VERSION,
    input,
    result,
    winner: result.winner,
    loot,
    foughtAt: event.dueAt,
  });
  await em.flush();
  const names = new Map<number, Participant>([
    [attacker.participant.playerId, attacker.participant],
    [defender.participant.playerId, defender.participant],
  ]);
  return {
    outcome: { mission: 'attack', reportId: report.id, winner: result.winner, loot, destroyed },
    returns: !destroyed,
    notices: [
      { playerId: fleet.playerId, type: 'battle.report', data: { fleetId: fleet.id, report: battleSummary(report, fleet.playerId, names) } },
      {
        playerId: target.playerId,
        type: 'battle.report',
        data: {
          fleetId: fleet.id,
          report: battleSummary(report, target.playerId, names),
          planet: { id: target.id, units: { ...target.units }, resources: amountsOf(target) },
        },
      },
    ],
  };
}

/** Loads the loot into the surviving ships' free hold and takes it from the planet. */
function plunder(fleet: Fleet, target: Planet) {
  const free = Math.max(0, cargoCapacity(fleet.ships) - total(cargoOf(fleet)));
  const loot = computeLoot(amountsOf(target), free);
  spend(target, loot);
  const cargo = cargoOf(fleet);
  setCargo(fleet, { metal: cargo.metal + loot.metal, crystal: cargo.crystal + loot.crystal, deuterium: cargo.deuterium + loot.deuterium });
  return loot;
}
