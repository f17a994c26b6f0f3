import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventContext } from '../../game/event-registry.js';
import { scheduleEvent, unscheduleEvents } from '../../game/schedule.js';
import { amountsOf } from '../planets/economy.js';
import { lockPlanetAt } from '../planets/locking.js';
import type { Planet } from '../planets/planet.entity.js';
import { WheelSpinSchema, type WheelSpin } from './wheel.entity.js';

export const BUFF_START_EVENT = 'wheel.buffStart';
export const BUFF_END_EVENT = 'wheel.buffEnd';

/**
 * Puts a won buff in force on a planet that is settled exactly at the buff's start, and schedules
 * its end in the event queue. The planet's previous multiplier (if any) is simply overwritten:
 * buffs do not stack.
 */
async function applyBuff(em: EntityManager, planet: Planet, spin: WheelSpin, now: Date): Promise<void> {
  if (!spin.buffEndsAt) return;
  planet.productionMultiplier = spin.multiplier;
  planet.buffEndsAt = spin.buffEndsAt;
  await em.flush();
  await scheduleEvent(
    em,
    {
      kind: BUFF_END_EVENT,
      dueAt: spin.buffEndsAt,
      playerId: spin.playerId,
      planetId: spin.planetId,
      payload: { spinId: spin.id },
    },
    now,
  );
}

/**
 * Starts the buff of a winning spin at `now` on a planet the caller has locked and settled.
 * A buff still in force on that planet is cut at `now` (its end event is removed).
 *
 * The start is exact: when the planet could be settled up to `now`, the multiplier changes right
 * here. When it could not (an event for this planet is already due but the tick has not applied
 * it yet, see settleHorizon), changing the multiplier now would apply the buff from that earlier
 * instant, so the start becomes an event due at `now` that the tick applies in order.
 */
export async function startBuff(em: EntityManager, planet: Planet, spin: WheelSpin, now: Date): Promise<void> {
  const active = await em.find(
    WheelSpinSchema,
    { planetId: spin.planetId, buffEndsAt: { $gt: now }, buffReplacedAt: null, id: { $ne: spin.id } },
    { refresh: true },
  );
  for (const old of active) {
    old.buffReplacedAt = now;
    // Skip an event the tick holds (it waits for this planet, then re-reads and does nothing):
    // waiting for it here would deadlock (lock order, db/locks.ts).
    await unscheduleEvents(em, BUFF_END_EVENT, { spinId: old.id }, { skipLocked: true });
    await unscheduleEvents(em, BUFF_START_EVENT, { spinId: old.id }, { skipLocked: true });
  }
  await em.flush();
  if (planet.settledAt.getTime() === now.getTime()) {
    await applyBuff(em, planet, spin, now);
    return;
  }
  await scheduleEvent(
    em,
    {
      kind: BUFF_START_EVENT,
      dueAt: now,
      playerId: spin.playerId,
      planetId: spin.planetId,
      payload: { spinId: spin.id },
    },
    now,
  );
}

/** Tick handler for a deferred start (see startBuff): settle at the start instant, then apply. */
export async function buffStarts(ctx: EventContext<typeof BUFF_START_EVENT>): Promise<void> {
  const { em, event, settings: s } = ctx;
  if (event.planetId === null) return;
  // Lock first, read the spin after: a newer spin holding the planet may be replacing this buff.
  const planet = await lockPlanetAt(em, s, event.planetId, event.dueAt);
  if (!planet) return;
  const spin = await em.findOne(WheelSpinSchema, { id: event.payload.spinId }, { refresh: true });
  if (!spin || spin.buffReplacedAt) return;
  await applyBuff(em, planet, spin, event.dueAt);
}

/**
 * Tick handler: settles the planet at the buff's end instant (the buffed rate applies up to it)
 * and clears the buff, unless a newer buff has taken its place meanwhile.
 */
export async function buffEnds(ctx: EventContext<typeof BUFF_END_EVENT>): Promise<void> {
  const { em, event, settings: s } = ctx;
  if (event.planetId === null) return;
  const planet = await lockPlanetAt(em, s, event.planetId, event.dueAt);
  if (!planet || planet.buffEndsAt?.getTime() !== event.dueAt.getTime()) return;
  const multiplier = planet.productionMultiplier;
  planet.productionMultiplier = 1;
  planet.buffEndsAt = null;
  await em.flush();
  await ctx.stream.append(
    em,
    planet.playerId,
    'wheel.buffEnded',
    {
      planetId: planet.id,
      spinId: event.payload.spinId,
      multiplier,
      endedAt: event.dueAt.toISOString(),
      resources: amountsOf(planet),
    },
    event.dueAt,
  );
}
