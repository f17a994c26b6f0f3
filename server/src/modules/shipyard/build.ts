import {
  ErrorCode,
  MAX_SHIPYARD_ORDERS,
  UNIT_LIMITS,
  UNIT_REQUIREMENTS,
  hasRoom,
  isUnitId,
  missingRequirements,
  unitCost,
  type CommandPayload,
} from '@starhold/common';
import type { CommandContext } from '../../commands/registry.js';
import { RuleError } from '../../core/errors.js';
import { amountsOf, canAfford, researchOf, spend } from '../planets/economy.js';
import { lockOwnPlanet } from '../planets/locking.js';
import { PlayerSchema } from '../players/player.entity.js';
import { loadOrders, secondsPerUnit, startOrder } from './queue.js';
import { ShipyardOrderSchema } from './shipyard-order.entity.js';
import { shipyardOrderView } from './view.js';

/** `shipyard.build`: pays `count` units now and queues them (starting at once if the shipyard is idle). */
export async function buildUnits(ctx: CommandContext, p: CommandPayload<'shipyard.build'>) {
  const { em, now, settings: s } = ctx;
  const planet = await lockOwnPlanet(em, s, ctx.playerId, p.planetId, now);
  if (!isUnitId(p.unit)) throw new RuleError(ErrorCode.UNKNOWN_UNIT, `Unknown ship or defense "${p.unit}"`);
  const unit = p.unit;
  const player = await em.findOneOrFail(PlayerSchema, { id: ctx.playerId }, { fields: ['research'] });
  const missing = missingRequirements(UNIT_REQUIREMENTS[unit], planet.buildings, researchOf(player.research));
  if (missing.length) throw new RuleError(ErrorCode.REQUIREMENTS_NOT_MET, `${unit} needs ${missing.join(', ')}`, { missing });
  const queue = await loadOrders(em, planet.id);
  if (!hasRoom(queue.length, MAX_SHIPYARD_ORDERS))
    throw new RuleError(ErrorCode.QUEUE_FULL, `The shipyard holds at most ${MAX_SHIPYARD_ORDERS} orders`);
  const limit = UNIT_LIMITS[unit];
  if (limit !== undefined) {
    const have = (planet.units[unit] ?? 0) + queue.filter((o) => o.unit === unit).reduce((a, o) => a + o.count - o.delivered, 0);
    if (have + p.count > limit) throw new RuleError(ErrorCode.UNIT_LIMIT_REACHED, `A planet can have at most ${limit} ${unit}`, { limit, have });
  }
  const cost = unitCost(unit, p.count);
  if (!canAfford(planet, cost)) {
    throw new RuleError(ErrorCode.INSUFFICIENT_RESOURCES, `${p.count} × ${unit} cost ${cost.metal}/${cost.crystal}/${cost.deuterium}`, {
      cost,
      available: amountsOf(planet),
    });
  }
  spend(planet, cost);
  const order = em.create(ShipyardOrderSchema, {
    playerId: ctx.playerId,
    planetId: planet.id,
    unit,
    count: p.count,
    delivered: 0,
    costMetal: cost.metal,
    costCrystal: cost.crystal,
    costDeuterium: cost.deuterium,
    unitSeconds: secondsPerUnit(unit, planet, s.universe),
    queuedAt: now,
    startsAt: null,
    endsAt: null,
  });
  await em.flush();
  if (queue.length === 0) await startOrder(em, order, planet, now, s.universe, now);
  const view = shipyardOrderView(order);
  await ctx.stream.append(
    em,
    ctx.playerId,
    'queue.updated',
    { planetId: planet.id, kind: 'shipyard', added: view, resources: amountsOf(planet) },
    now,
  );
  return { order: view, resources: amountsOf(planet) };
}
