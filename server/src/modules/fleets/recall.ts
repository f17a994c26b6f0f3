import { ErrorCode, type CommandPayload } from '@starhold/common';
import type { CommandContext } from '../../commands/registry.js';
import { scheduleEvent, unscheduleEvents } from '../../game/schedule.js';
import { RuleError } from '../../core/errors.js';
import { PlanetSchema } from '../planets/planet.entity.js';
import { FLEET_ARRIVE_EVENT, FLEET_RETURN_EVENT } from './events.js';
import { lockFleet } from '../../db/locks.js';
import { appendInOrder, type Notice } from './notify.js';
import { ownPlanetIds } from './players.js';
import { fleetView, isAnnounced } from './view.js';

/**
 * `fleets.recall`: an outbound fleet that has not arrived turns back now and is home after the
 * time it has flown so far. Races with the arrival resolve on the fleet row lock: whichever
 * commits first wins and the other sees the state it left (`FLEET_NOT_RECALLABLE`, or an arrival
 * handler that finds the fleet returning and does nothing). At the arrival instant itself the
 * arrival wins (`arrivesAt > now` is required).
 */
export async function recallFleet(ctx: CommandContext, p: CommandPayload<'fleets.recall'>) {
  const { em, now } = ctx;
  const fleet = await lockFleet(em, p.fleetId, ctx.playerId);
  if (!fleet) throw new RuleError(ErrorCode.NOT_FOUND, 'Fleet not found');
  if (fleet.state !== 'outbound' || fleet.arrivesAt.getTime() <= now.getTime()) {
    throw new RuleError(
      ErrorCode.FLEET_NOT_RECALLABLE,
      fleet.state === 'outbound' ? 'The fleet has already arrived' : `The fleet is ${fleet.state}`,
      {
        state: fleet.state,
        arrivesAt: fleet.arrivesAt.toISOString(),
      },
    );
  }
  const flownMs = now.getTime() - fleet.departedAt.getTime();
  fleet.state = 'returning';
  fleet.recalledAt = now;
  fleet.returnsAt = new Date(now.getTime() + flownMs);
  await em.flush();
  // The tick may hold the arrival event right now (it then waits for this fleet row and finds the
  // fleet returning): skip it rather than wait for it, which would deadlock.
  await unscheduleEvents(em, FLEET_ARRIVE_EVENT, { fleetId: fleet.id }, { skipLocked: true });
  await scheduleEvent(
    em,
    {
      kind: FLEET_RETURN_EVENT,
      dueAt: fleet.returnsAt,
      playerId: fleet.playerId,
      planetId: fleet.originPlanetId,
      payload: { fleetId: fleet.id },
    },
    now,
  );
  const view = fleetView(fleet, now, await ownPlanetIds(em, ctx.playerId));
  const notices: Notice[] = [{ playerId: ctx.playerId, type: 'fleet.recalled', data: { fleet: view } }];
  const targetId = fleet.targetPlanetId ?? null;
  if (targetId !== null && isAnnounced(fleet)) {
    const target = await em.findOne(PlanetSchema, { id: targetId }, { fields: ['playerId'] });
    if (target && target.playerId !== ctx.playerId)
      notices.push({ playerId: target.playerId, type: 'fleet.incomingRecalled', data: { fleetId: fleet.id } });
  }
  await appendInOrder(ctx.stream, em, notices, now);
  return { fleet: view };
}
