import { changeUnits } from '../../shipyard/units.js';
import { unload } from '../cargo.js';
import type { Arrival, ArrivalResult } from './types.js';

/** Deploy: ships and cargo join the sender's target planet; the fleet ends there. */
export async function deploy({ fleet, target }: Arrival): Promise<ArrivalResult> {
  if (!target || target.playerId !== fleet.playerId) {
    // Cannot happen (checked at dispatch, planets do not change hands): fly home rather than lose the ships.
    return { outcome: { mission: 'deploy', planetId: fleet.originPlanetId }, returns: true, notices: [] };
  }
  unload(fleet, target);
  changeUnits(target, fleet.ships);
  return { outcome: { mission: 'deploy', planetId: target.id }, returns: false, notices: [] };
}
