import {
  BUILDING_REQUIREMENTS, ErrorCode, buildingCost, buildingTimeSeconds, isBuildingId, missingRequirements,
  type BuildingId, type BuildingLevels, type CommandPayload, type UniverseSettings,
} from '@starhold/common';
import { RuleError } from '../../http/errors.js';
import type { CommandContext } from '../../commands/registry.js';
import type { EventContext } from '../../game/event-registry.js';
import { canAfford, researchOf, spend } from '../planets/economy.js';
import { lockOwnPlanet, lockPlanetAt } from '../planets/locking.js';
import { PlayerSchema } from '../players/player.entity.js';
import { queueItemView } from '../planets/view.js';
import { QueueItemSchema, type QueueItem } from './queue-item.entity.js';
import { costOf, ensureRoom, loadQueue, removeWithFollowers, startInstant, startItem } from './queue.js';
import { amountsOf } from '../planets/economy.js';
import type { Planet } from '../planets/planet.entity.js';

function buildSeconds(b: BuildingId, level: number, levels: BuildingLevels, u: UniverseSettings): number {
  return buildingTimeSeconds(b, level, { robotics: levels.roboticsFactory, nanite: levels.naniteFactory }, u);
}

/** `buildings.upgrade`: pays the next level now and queues it (starting at once if the queue is idle). */
export async function upgradeBuilding(ctx: CommandContext, p: CommandPayload<'buildings.upgrade'>) {
  const { em, now, services: s } = ctx;
  const planet = await lockOwnPlanet(em, s, ctx.playerId, p.planetId, now);
  if (!isBuildingId(p.building)) throw new RuleError(ErrorCode.UNKNOWN_BUILDING, `Unknown building "${p.building}"`);
  const building = p.building;
  const queue = await loadQueue(em, 'building', { planetId: planet.id });
  ensureRoom(queue);
  const queuedLevels = { ...planet.buildings };
  for (const q of queue) if (isBuildingId(q.target)) queuedLevels[q.target] = Math.max(queuedLevels[q.target], q.level);
  const level = queuedLevels[building] + 1;
  const player = await em.findOneOrFail(PlayerSchema, { id: ctx.playerId }, { fields: ['research'] });
  const missing = missingRequirements(BUILDING_REQUIREMENTS[building], queuedLevels, researchOf(player.research));
  if (missing.length) throw new RuleError(ErrorCode.REQUIREMENTS_NOT_MET, `${building} needs ${missing.join(', ')}`, { missing });
  const cost = buildingCost(building, level);
  if (!canAfford(planet, cost)) {
    throw new RuleError(ErrorCode.INSUFFICIENT_RESOURCES, `${building} level ${level} costs ${cost.metal}/${cost.crystal}/${cost.deuterium}`, {
      cost, available: amountsOf(planet),
    });
  }
  spend(planet, cost);
  const item = em.create(QueueItemSchema, {
    playerId: ctx.playerId, planetId: planet.id, kind: 'building', target: building, level,
    costMetal: cost.metal, costCrystal: cost.crystal, costDeuterium: cost.deuterium, queuedAt: now, startsAt: null, endsAt: null,
  });
  await em.flush();
  if (queue.length === 0) await startItem(em, item, now, buildSeconds(building, level, planet.buildings, s.universe), now);
  const view = queueItemView(item);
  await ctx.stream.append(em, ctx.playerId, 'queue.updated', { planetId: planet.id, kind: 'building', added: view, resources: amountsOf(planet) }, now);
  return { queueItem: view, resources: amountsOf(planet) };
}

/** `buildings.cancel`: refunds the item (and later levels of the same building) in full. */
export async function cancelBuilding(ctx: CommandContext, p: CommandPayload<'buildings.cancel'>) {
  const { em, now, services: s } = ctx;
  const planet = await lockOwnPlanet(em, s, ctx.playerId, p.planetId, now);
  const queue = await loadQueue(em, 'building', { planetId: planet.id });
  const { removed, headRemoved } = await removeWithFollowers(em, queue, p.queueItemId);
  for (const q of removed) spend(planet, costOf(q), -1);
  await em.flush();
  if (headRemoved) await startNextBuilding(ctx.em, planet, now, s.universe, now);
  const ids = removed.map((q) => q.id);
  await ctx.stream.append(em, ctx.playerId, 'queue.updated', { planetId: planet.id, kind: 'building', removed: ids, resources: amountsOf(planet) }, now);
  return { cancelled: ids, resources: amountsOf(planet) };
}

async function startNextBuilding(em: CommandContext['em'], planet: Planet, at: Date, u: UniverseSettings, now: Date): Promise<QueueItem | undefined> {
  const next = (await loadQueue(em, 'building', { planetId: planet.id })).find((q) => q.startsAt === null);
  if (!next || !isBuildingId(next.target)) return undefined;
  await startItem(em, next, startInstant(at, next), buildSeconds(next.target, next.level, planet.buildings, u), now);
  return next;
}

/** Tick handler: the level is reached exactly at the due instant; the next item starts then. */
export async function completeBuilding(ctx: EventContext): Promise<void> {
  const { em, event, services: s } = ctx;
  // Lock the planet before reading the item: a cancel holding the planet lock may be removing it
  // right now (see unscheduleEvents), and only a read after the lock sees that.
  const planet = event.planetId === null ? null : await lockPlanetAt(em, s, event.planetId, event.dueAt);
  if (!planet) return;
  const item = await em.findOne(QueueItemSchema, { id: Number(event.payload.queueItemId), planetId: planet.id, kind: 'building' }, { refresh: true });
  if (!item || !isBuildingId(item.target)) return; // cancelled: nothing to do
  planet.buildings = { ...planet.buildings, [item.target]: item.level };
  em.remove(item);
  await em.flush();
  const next = await startNextBuilding(em, planet, event.dueAt, s.universe, event.dueAt);
  await ctx.stream.append(em, planet.playerId, 'building.completed', {
    planetId: planet.id, building: item.target, level: item.level, at: event.dueAt.toISOString(),
    resources: amountsOf(planet), next: next ? queueItemView(next) : null,
  }, event.dueAt);
}
