import {
  ErrorCode,
  RESEARCH_REQUIREMENTS,
  isResearchId,
  missingRequirements,
  queuedLevels,
  researchCost,
  researchTimeSeconds,
  type CommandPayload,
  type ResearchLevels,
} from '@starhold/common';
import { RuleError } from '../../core/errors.js';
import type { CommandContext } from '../../commands/registry.js';
import type { EventContext } from '../../game/event-registry.js';
import { amountsOf, canAfford, researchOf, settlePlanet, spend } from '../planets/economy.js';
import { lockAllOwnPlanets, lockOwnPlanet } from '../planets/locking.js';
import { PlanetSchema } from '../planets/planet.entity.js';
import { queueItemView } from '../planets/view.js';
import { lockPlanetsOf, lockPlayer, lockPlayerIfExists } from '../../db/locks.js';
import { QueueItemSchema, type QueueItem } from './queue-item.entity.js';
import { costOf, enqueueItem, ensureRoom, loadQueue, removeWithFollowers, startInstant, startItem } from './queue.js';

/** `research.start`: one research queue per player; the lab of the paying planet sets the time. */
export async function startResearch(ctx: CommandContext, p: CommandPayload<'research.start'>) {
  const { em, now, settings: s } = ctx;
  const planet = await lockOwnPlanet(em, s, ctx.playerId, p.planetId, now);
  if (!isResearchId(p.research)) throw new RuleError(ErrorCode.UNKNOWN_RESEARCH, `Unknown research "${p.research}"`);
  const research = p.research;
  const player = await lockPlayer(em, ctx.playerId);
  const queue = await loadQueue(em, 'research', { playerId: ctx.playerId });
  ensureRoom(queue);
  const levels: ResearchLevels = queuedLevels(researchOf(player.research), queue);
  const level = levels[research] + 1;
  const missing = missingRequirements(RESEARCH_REQUIREMENTS[research], planet.buildings, levels);
  if (missing.length) throw new RuleError(ErrorCode.REQUIREMENTS_NOT_MET, `${research} needs ${missing.join(', ')}`, { missing });
  const cost = researchCost(research, level);
  if (!canAfford(planet, cost)) {
    throw new RuleError(ErrorCode.INSUFFICIENT_RESOURCES, `${research} level ${level} costs ${cost.metal}/${cost.crystal}/${cost.deuterium}`, {
      cost,
      available: amountsOf(planet),
    });
  }
  spend(planet, cost);
  await em.flush();
  const item = await enqueueItem(
    em,
    {
      playerId: ctx.playerId,
      planetId: planet.id,
      kind: 'research',
      target: research,
      level,
      costMetal: cost.metal,
      costCrystal: cost.crystal,
      costDeuterium: cost.deuterium,
      queuedAt: now,
    },
    queue.length === 0 ? { seconds: researchTimeSeconds(research, level, planet.buildings.researchLab, s.universe) } : null,
    now,
  );
  const view = queueItemView(item);
  await ctx.stream.append(
    em,
    ctx.playerId,
    'queue.updated',
    { planetId: planet.id, kind: 'research', added: view, resources: amountsOf(planet) },
    now,
  );
  return { queueItem: view, resources: amountsOf(planet) };
}

/** `research.cancel`: refunds every removed item to the planet that paid it. */
export async function cancelResearch(ctx: CommandContext, p: CommandPayload<'research.cancel'>) {
  const { em, now, settings: s } = ctx;
  // The research queue is player-wide and its items may have been paid on different planets:
  // lock them all (id order), then the player, like the completion handler does.
  const planets = await lockAllOwnPlanets(em, s, ctx.playerId, now);
  await lockPlayer(em, ctx.playerId);
  const queue = await loadQueue(em, 'research', { playerId: ctx.playerId });
  const item = queue.find((q) => q.id === p.queueItemId);
  const planet = planets.find((pl) => pl.id === item?.planetId);
  if (!item || !planet) throw new RuleError(ErrorCode.NOT_FOUND, 'Queue item not found');
  const { removed, remaining, headRemoved } = await removeWithFollowers(em, queue, p.queueItemId);
  for (const q of removed) {
    const payer = planets.find((pl) => pl.id === q.planetId);
    if (payer) spend(payer, costOf(q), -1);
  }
  await em.flush();
  if (headRemoved) await startNextResearch(em, remaining, now, s, now);
  const ids = removed.map((q) => q.id);
  await ctx.stream.append(
    em,
    ctx.playerId,
    'queue.updated',
    { planetId: planet.id, kind: 'research', removed: ids, resources: amountsOf(planet) },
    now,
  );
  return { cancelled: ids, resources: amountsOf(planet) };
}

/** Starts the first waiting item of `queue` (the player's research queue as it stands now, under the player lock). */
async function startNextResearch(em: CommandContext['em'], queue: QueueItem[], at: Date, s: CommandContext['settings'], now: Date) {
  const next = queue.find((q) => q.startsAt === null);
  if (!next || !isResearchId(next.target)) return undefined;
  const lab = await em.findOne(PlanetSchema, { id: next.planetId }, { fields: ['buildings'] });
  await startItem(em, next, startInstant(at, next), researchTimeSeconds(next.target, next.level, lab?.buildings.researchLab ?? 0, s.universe), now);
  return next;
}

/** Tick handler: research levels are player-wide (energy tech changes fusion output on every planet). */
export async function completeResearch(ctx: EventContext<'research.complete'>): Promise<void> {
  const { em, event, settings: s } = ctx;
  if (event.playerId === null) return;
  // Lock first, read the item after: a cancel holding these locks may be removing it right now.
  const planets = await lockPlanetsOf(em, event.playerId);
  const player = await lockPlayerIfExists(em, event.playerId);
  const item = await em.findOne(QueueItemSchema, { id: event.payload.queueItemId, playerId: event.playerId, kind: 'research' }, { refresh: true });
  if (!player || !item || !isResearchId(item.target)) return; // cancelled: nothing to do
  for (const planet of planets) settlePlanet(planet, researchOf(player.research), event.dueAt, s.universe);
  player.research = { ...player.research, [item.target]: item.level };
  em.remove(item);
  await em.flush();
  const next = await startNextResearch(em, await loadQueue(em, 'research', { playerId: item.playerId }), event.dueAt, s, event.dueAt);
  await ctx.stream.append(
    em,
    item.playerId,
    'research.completed',
    {
      research: item.target,
      level: item.level,
      at: event.dueAt.toISOString(),
      next: next ? queueItemView(next) : null,
    },
    event.dueAt,
  );
}
