import { ErrorCode, missionReturns, type CommandPayload, type Resources } from '@starhold/common';
import type { CommandContext } from '../../commands/registry.js';
import { scheduleEvent } from '../../game/schedule.js';
import { RuleError } from '../../core/errors.js';
import { amountsOf, canAfford, spend } from '../planets/economy.js';
import { lockOwnPlanet } from '../planets/locking.js';
import { changeUnits } from '../shipyard/units.js';
import { total } from './cargo.js';
import { FLEET_ARRIVE_EVENT } from './events.js';
import { FleetSchema } from './fleet.entity.js';
import { appendInOrder, type Notice } from './notify.js';
import { checkBounds, parseShips, planDispatch } from './plan.js';
import { ownPlanetIds, playerInfo } from './players.js';
import { carriesCargo, checkMission, planetAt } from './targets.js';
import { fleetView, incomingView, isAnnounced } from './view.js';

/**
 * `fleets.send`: ships, cargo and fuel leave the origin planet now; the arrival is scheduled in
 * the one event queue (on the target planet, so its owner's requests never settle past it).
 */
export async function sendFleet(ctx: CommandContext, p: CommandPayload<'fleets.send'>) {
  const { em, now, settings: s } = ctx;
  const origin = await lockOwnPlanet(em, s, ctx.playerId, p.planetId, now);
  const owner = await playerInfo(em, ctx.playerId);
  const ships = parseShips(p.ships);
  for (const [ship, n] of Object.entries(ships)) {
    const have = origin.units[ship] ?? 0;
    if (have < (n ?? 0)) throw new RuleError(ErrorCode.NOT_ENOUGH_SHIPS, `Only ${have} ${ship} on this planet`, { ship, have, need: n });
  }
  checkBounds(p.target, s.universe);
  const target = await planetAt(em, p.target);
  await checkMission(em, { playerId: ctx.playerId, origin, ships, mission: p.mission, coords: p.target, target, research: owner.research });
  const plan = planDispatch(origin, ships, p.target, p.speed, missionReturns(p.mission), owner.research, s.universe, now);

  const cargo = p.cargo;
  if (total(cargo) > 0 && !carriesCargo(p.mission)) {
    throw new RuleError(ErrorCode.CARGO_EXCEEDED, `A ${p.mission} mission carries no cargo`, { capacity: 0, cargo });
  }
  if (total(cargo) > plan.capacity) {
    throw new RuleError(ErrorCode.CARGO_EXCEEDED, `The ships hold ${plan.capacity}, not ${total(cargo)}`, { capacity: plan.capacity, cargo });
  }
  if (origin.deuterium < plan.fuel) {
    throw new RuleError(ErrorCode.NOT_ENOUGH_FUEL, `The flight needs ${plan.fuel} deuterium`, { fuel: plan.fuel, available: origin.deuterium });
  }
  const paid: Resources = { metal: cargo.metal, crystal: cargo.crystal, deuterium: cargo.deuterium + plan.fuel };
  if (!canAfford(origin, paid)) {
    throw new RuleError(ErrorCode.INSUFFICIENT_RESOURCES, 'Not enough resources for this cargo and its fuel', {
      cost: paid,
      available: amountsOf(origin),
    });
  }
  spend(origin, paid);
  changeUnits(origin, ships, -1);
  const fleet = em.create(FleetSchema, {
    playerId: ctx.playerId,
    originPlanetId: origin.id,
    originGalaxy: origin.galaxy,
    originSystem: origin.system,
    originPosition: origin.position,
    targetGalaxy: p.target.galaxy,
    targetSystem: p.target.system,
    targetPosition: p.target.position,
    targetPlanetId: target?.id ?? null,
    mission: p.mission,
    ships,
    cargoMetal: cargo.metal,
    cargoCrystal: cargo.crystal,
    cargoDeuterium: cargo.deuterium,
    speed: p.speed,
    fuel: plan.fuel,
    departedAt: now,
    arrivesAt: plan.arrivesAt,
    returnsAt: plan.returnsAt,
    recalledAt: null,
    state: 'outbound',
    outcome: null,
  });
  await em.flush();
  // Recycling and colonizing act on the position, not on a planet's stock.
  const eventPlanet = p.mission === 'recycle' || p.mission === 'colonize' ? null : (target?.id ?? null);
  await scheduleEvent(
    em,
    { kind: FLEET_ARRIVE_EVENT, dueAt: plan.arrivesAt, playerId: ctx.playerId, planetId: eventPlanet, payload: { fleetId: fleet.id } },
    now,
  );

  const view = fleetView(fleet, now, await ownPlanetIds(em, ctx.playerId));
  const result = { fleet: view, planetId: origin.id, resources: amountsOf(origin), units: { ...origin.units } };
  const notices: Notice[] = [{ playerId: ctx.playerId, type: 'fleet.dispatched', data: result }];
  if (target && target.playerId !== ctx.playerId && isAnnounced(fleet)) {
    notices.push({ playerId: target.playerId, type: 'fleet.incoming', data: { incoming: incomingView(fleet, owner.participant) } });
  }
  await appendInOrder(ctx.stream, em, notices, now);
  return { ...result, distance: plan.distance, durationSeconds: plan.durationSeconds };
}
