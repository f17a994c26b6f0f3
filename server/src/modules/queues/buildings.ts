import {
  BUILDING_REQUIREMENTS,
  ErrorCode,
  buildingCost,
  buildingTimeSeconds,
  isBuildingId,
  missingRequirements,
  queuedLevels,
  type BuildingId,
  type BuildingLevels,
  type CommandPayload,
  type UniverseSettings,
} from '@starhold/common';
import { RuleError } from '../../core/errors.js';
import type { CommandContext } from '../../commands/registry.js';
import type { EventContext } from '../../game/event-registry.js';
import { amountsOf, canAfford, spend } from '../planets/economy.js';
import { lockOwnPlanetForBuilding, lockPlanetAt } from '../planets/locking.js';
import { saveResources } from '../planets/planet-row.js';
import { queueItemView } from '../planets/view.js';
import { QueueItemSchema, type QueueItem } from './queue-item.entity.js';
import { costOf, enqueueItem, ensureRoom, loadQueue, removeWithFollowers, startInstant, startItem } from './queue.js';
import type { Planet } from '../planets/planet.entity.js';

function buildSeconds(b: BuildingId, level: number, levels: BuildingLevels, u: UniverseSettings): number {
  return buildingTimeSeconds(b, level, { robotics: levels.roboticsFactory, nanite: levels.naniteFactory }, u);
}

/**
 * `buildings.upgrade`: pays the next level now and queues it (starting at once if the queue is idle).
 * Plain SQL on the hot path; every rule is checked before the first write (registered with
 * rejectsBeforeWriting, so the pipeline runs it without a savepoint).
 */
export async function upgradeBuilding(ctx: CommandContext, p: CommandPayload<'buildings.upgrade'>) {
  const { em, now, settings: s } = ctx;
  const { planet, research, queue } = await lockOwnPlanetForBuilding(em, s, ctx.playerId, p.planetId, now);
  if (!isBuildingId(p.building)) throw new RuleError(ErrorCode.UNKNOWN_BUILDING, `Unknown building "${p.building}"`);
  const building = p.building;
  ensureRoom(queue);
  const levels = queuedLevels(planet.buildings, queue);
  const level = levels[building] + 1;
  const missing = missingRequirements(BUILDING_REQUIREMENTS[building], levels, research);
  if (missing.length) throw new RuleError(ErrorCode.REQUIREMENTS_NOT_MET, `${building} needs ${missing.join(', ')}`, { missing });
  const cost = buildingCost(building, level);
  if (!canAfford(planet, cost)) {
    throw new RuleError(ErrorCode.INSUFFICIENT_RESOURCES, `${building} level ${level} costs ${cost.metal}/${cost.crystal}/${cost.deuterium}`, {
      cost,
      available: amountsOf(planet),
    });
  }
  // Checked: from here on nothing is refused.
  spend(planet, cost);
  await saveResources(em, planet);
  const item = await enqueueItem(
    em,
    {
      playerId: ctx.playerId,
      planetId: planet.id,
      kind: 'building',
      target: building,
      level,
      costMetal: cost.metal,
      costCrystal: cost.crystal,
      costDeuterium: cost.deuterium,
      queuedAt: now,
    },
    queue.length === 0 ? { seconds: buildSeconds(building, level, planet.buildings, s.universe) } : null,
    now,
  );
  const view = queueItemView(item);
  await ctx.stream.append(
    em,
    ctx.playerId,
    'queue.updated',
    { planetId: planet.id, kind: 'building', added: view, resources: amountsOf(planet) },
    now,
  );
  return { queueItem: view, resources: amountsOf(planet) };
}

/**
 * `buildings.cancel`: refunds the item (and later levels of the same building) in full. Plain SQL;
 * rejects (NOT_FOUND) before the first write, like upgradeBuilding.
 */
export async function cancelBuilding(ctx: CommandContext, p: CommandPayload<'buildings.cancel'>) {
  const { em, now, settings: s } = ctx;
  const { planet, queue } = await lockOwnPlanetForBuilding(em, s, ctx.playerId, p.planetId, now);
  const { removed, remaining, headRemoved } = await removeWithFollowers(em, queue, p.queueItemId);
  for (const q of removed) spend(planet, costOf(q), -1);
  await saveResources(em, planet);
  if (headRemoved) await startNextBuilding(em, planet, remaining, now, s.universe, now);
  const ids = removed.map((q) => q.id);
  await ctx.stream.append(
    em,
    ctx.playerId,
    'queue.updated',
    { planetId: planet.id, kind: 'building', removed: ids, resources: amountsOf(planet) },
    now,
  );
  return { cancelled: ids, resources: amountsOf(planet) };
}

/** Starts the first waiting item of `queue` (the planet's building queue as it stands now, under its lock). */
async function startNextBuilding(
  em: CommandContext['em'],
  planet: Planet,
  queue: QueueItem[],
  at: Date,
  u: UniverseSettings,
  now: Date,
): Promise<QueueItem | undefined> {
  const next = queue.find((q) => q.startsAt === null);
  if (!next || !isBuildingId(next.target)) return undefined;
  await startItem(em, next, startInstant(at, next), buildSeconds(next.target, next.level, planet.buildings, u), now);
  return next;
}

/** Tick handler: the level is reached exactly at the due instant; the next item starts then. */
export async function completeBuilding(ctx: EventContext<'building.complete'>): Promise<void> {
  const { em, event, settings: s } = ctx;
  // Lock the planet before reading the item: a cancel holding the planet lock may be removing it
  // right now (see unscheduleEvents), and only a read after the lock sees that.
  const planet = event.planetId === null ? null : await lockPlanetAt(em, s, event.planetId, event.dueAt);
  if (!planet) return;
  const item = await em.findOne(QueueItemSchema, { id: event.payload.queueItemId, planetId: planet.id, kind: 'building' }, { refresh: true });
  if (!item || !isBuildingId(item.target)) return; // cancelled: nothing to do
  planet.buildings = { ...planet.buildings, [item.target]: item.level };
  em.remove(item);
  await em.flush();
  const next = await startNextBuilding(em, planet, await loadQueue(em, 'building', { planetId: planet.id }), event.dueAt, s.universe, event.dueAt);
  await ctx.stream.append(
    em,
    planet.playerId,
    'building.completed',
    {
      planetId: planet.id,
      building: item.target,
      level: item.level,
      at: event.dueAt.toISOString(),
      resources: amountsOf(planet),
      next: next ? queueItemView(next) : null,
    },
    event.dueAt,
  );
}
