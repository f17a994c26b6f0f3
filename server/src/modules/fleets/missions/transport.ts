import { amountsOf } from '../../planets/economy.js';
import { NO_RESOURCES, unload } from '../cargo.js';
import { playerInfo } from '../players.js';
import { originOf } from '../view.js';
import type { Notice } from '../notify.js';
import type { Arrival, ArrivalResult } from './types.js';

/** Transport: the cargo lands on the target planet (once: the fleet's hold is emptied in the same transaction), the ships fly home empty. */
export async function transport({ ctx, fleet, target }: Arrival): Promise<ArrivalResult> {
  if (!target) return { outcome: { mission: 'transport', delivered: { ...NO_RESOURCES } }, returns: true, notices: [] };
  const delivered = unload(fleet, target);
  const notices: Notice[] = [];
  if (target.playerId !== fleet.playerId) {
    const from = await playerInfo(ctx.em, fleet.playerId);
    notices.push({
      playerId: target.playerId,
      type: 'transport.received',
      data: {
        fleetId: fleet.id,
        planetId: target.id,
        cargo: delivered,
        from: { ...from.participant, coords: originOf(fleet) },
        resources: amountsOf(target),
      },
    });
  }
  return { outcome: { mission: 'transport', delivered }, returns: true, notices };
}
