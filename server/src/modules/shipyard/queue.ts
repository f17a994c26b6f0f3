import type { EntityManager } from '@mikro-orm/postgresql';
import { unitBuildSeconds, type UnitId, type UniverseSettings } from '@starhold/common';
import { scheduleEvent } from '../../game/schedule.js';
import type { Planet } from '../planets/planet.entity.js';
import { ShipyardOrderSchema, type ShipyardOrder } from './shipyard-order.entity.js';

export const SHIPYARD_UNIT_EVENT = 'shipyard.unit';

/** A planet's shipyard orders, oldest (running) first. */
export async function loadOrders(em: EntityManager, planetId: number): Promise<ShipyardOrder[]> {
  return em.find(ShipyardOrderSchema, { planetId }, { orderBy: { id: 'asc' }, refresh: true });
}

export function secondsPerUnit(unit: UnitId, planet: Planet, u: UniverseSettings): number {
  return unitBuildSeconds(unit, { shipyard: planet.buildings.shipyard, nanite: planet.buildings.naniteFactory }, u);
}

/** Schedules the completion of the order's next unit: unit k is done at startsAt + k · unitSeconds. */
export async function scheduleNextUnit(em: EntityManager, o: ShipyardOrder, now: Date): Promise<void> {
  if (!o.startsAt) throw new Error(`shipyard order ${o.id} has not started`);
  const dueAt = new Date(o.startsAt.getTime() + (o.delivered + 1) * o.unitSeconds * 1000);
  await scheduleEvent(em, { kind: SHIPYARD_UNIT_EVENT, dueAt, playerId: o.playerId, planetId: o.planetId, payload: { orderId: o.id } }, now);
}

/**
 * Starts an order at `at` with the planet's current shipyard and nanite levels (the time per unit
 * is fixed from then on) and schedules its first unit.
 */
export async function startOrder(em: EntityManager, o: ShipyardOrder, planet: Planet, at: Date, u: UniverseSettings, now: Date): Promise<void> {
  o.unitSeconds = secondsPerUnit(o.unit as UnitId, planet, u);
  o.startsAt = at;
  o.endsAt = new Date(at.getTime() + o.count * o.unitSeconds * 1000);
  await em.flush();
  await scheduleNextUnit(em, o, now);
}
