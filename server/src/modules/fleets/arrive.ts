import type { MissionId } from '@starhold/common';
import type { EventContext } from '../../game/event-registry.js';
import { scheduleEvent } from '../../game/schedule.js';
import { amountsOf } from '../planets/economy.js';
import { lockPlanetAt } from '../planets/locking.js';
import { FLEET_RETURN_EVENT } from './events.js';
import { lockFleet } from '../../db/locks.js';
import { attack } from './missions/attack.js';
import { colonize } from './missions/colonize.js';
import { deploy } from './missions/deploy.js';
import { espionage } from './missions/espionage.js';
import { recycle } from './missions/recycle.js';
import { transport } from './missions/transport.js';
import type { MissionHandler } from './missions/types.js';
import { appendInOrder } from './notify.js';
import { ownPlanetIds } from './players.js';
import { fleetView } from './view.js';

const MISSION_HANDLERS: Readonly<Record<MissionId, MissionHandler>> = { transport, deploy, attack, espionage, recycle, colonize };

/**
 * Tick handler of `fleet.arrive`. Locks the target planet (settled at the arrival instant) and
 * then the fleet; a fleet that is no longer outbound was recalled first and nothing happens. The
 * event row is deleted by the tick in this same transaction, so a mission's effects (cargo
 * delivered, battle fought) happen exactly once.
 */
export async function fleetArrives(ctx: EventContext<'fleet.arrive'>): Promise<void> {
  const { em, event, settings: s } = ctx;
  const target = event.planetId === null ? null : await lockPlanetAt(em, s, event.planetId, event.dueAt);
  const fleet = await lockFleet(em, event.payload.fleetId);
  if (!fleet || fleet.state !== 'outbound') return;
  const r = await MISSION_HANDLERS[fleet.mission]({ ctx, fleet, target });
  fleet.outcome = r.outcome;
  if (r.returns && fleet.returnsAt === null) {
    // A deploy that could not land flies back as if recalled on arrival.
    fleet.returnsAt = new Date(event.dueAt.getTime() * 2 - fleet.departedAt.getTime());
  }
  fleet.state = r.returns ? 'returning' : 'done';
  if (!r.returns) fleet.returnsAt = null;
  await em.flush();
  if (r.returns && fleet.returnsAt) {
    await scheduleEvent(
      em,
      {
        kind: FLEET_RETURN_EVENT,
        dueAt: fleet.returnsAt,
        playerId: fleet.playerId,
        planetId: fleet.originPlanetId,
        payload: { fleetId: fleet.id },
      },
      event.dueAt,
    );
  }
  const own = await ownPlanetIds(em, fleet.playerId);
  const planet = target && target.playerId === fleet.playerId ? { id: target.id, resources: amountsOf(target), units: { ...target.units } } : null;
  await appendInOrder(
    ctx.stream,
    em,
    [
      { playerId: fleet.playerId, type: 'fleet.arrived', data: { fleet: fleetView(fleet, event.dueAt, own), outcome: r.outcome, planet } },
      ...r.notices,
    ],
    event.dueAt,
  );
}
