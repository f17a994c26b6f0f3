import type { EventContext } from '../../game/event-registry.js';
import { amountsOf } from '../planets/economy.js';
import { lockPlanetAt } from '../planets/locking.js';
import { loadOrders, scheduleNextUnit, startOrder } from './queue.js';
import { ShipyardOrderSchema } from './shipyard-order.entity.js';
import { changeUnits } from './units.js';
import { shipyardOrderView } from './view.js';

/**
 * Tick handler of `shipyard.unit`: one unit joins the planet exactly at its finish instant (the
 * planet is settled up to then first, so a solar satellite adds energy from that instant on). The
 * next unit of the order is scheduled; after the last one the next order starts at this instant.
 */
export async function deliverUnit(ctx: EventContext<'shipyard.unit'>): Promise<void> {
  const { em, event, settings: s } = ctx;
  const planet = event.planetId === null ? null : await lockPlanetAt(em, s, event.planetId, event.dueAt);
  if (!planet) return;
  const order = await em.findOne(ShipyardOrderSchema, { id: event.payload.orderId, planetId: planet.id }, { refresh: true });
  if (!order || !order.startsAt || order.delivered >= order.count) return;
  order.delivered += 1;
  changeUnits(planet, { [order.unit]: 1 });
  if (order.delivered < order.count) {
    await em.flush();
    await scheduleNextUnit(em, order, event.dueAt);
    return;
  }
  const done = shipyardOrderView(order);
  em.remove(order);
  await em.flush();
  const next = (await loadOrders(em, planet.id)).find((o) => o.startsAt === null);
  if (next) await startOrder(em, next, planet, next.queuedAt > event.dueAt ? next.queuedAt : event.dueAt, s.universe, event.dueAt);
  await ctx.stream.append(
    em,
    planet.playerId,
    'shipyard.completed',
    {
      planetId: planet.id,
      order: done,
      at: event.dueAt.toISOString(),
      units: { ...planet.units },
      resources: amountsOf(planet),
      next: next ? shipyardOrderView(next) : null,
    },
    event.dueAt,
  );
}
