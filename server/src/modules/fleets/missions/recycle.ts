import { SHIP_STATS, collectDebris } from '@starhold/common';
import { takeDebris } from '../../galaxy/debris.js';
import { cargoOf, setCargo, total } from '../cargo.js';
import { targetOf } from '../view.js';
import type { Arrival, ArrivalResult } from './types.js';

/** Recycle: the recyclers (only they) pick up debris at the target position, up to their free hold. */
export async function recycle({ ctx, fleet }: Arrival): Promise<ArrivalResult> {
  const capacity = (fleet.ships.recycler ?? 0) * SHIP_STATS.recycler.cargo - total(cargoOf(fleet));
  const collected = await takeDebris(ctx.em, targetOf(fleet), (field) => collectDebris(field, Math.max(0, capacity)), ctx.event.dueAt);
  const cargo = cargoOf(fleet);
  setCargo(fleet, { ...cargo, metal: cargo.metal + collected.metal, crystal: cargo.crystal + collected.crystal });
  return { outcome: { mission: 'recycle', collected }, returns: true, notices: [] };
}
