import type { ShipyardOrderView } from '@starhold/common';
import type { ShipyardOrder } from './shipyard-order.entity.js';

const at = (d: Date, seconds: number): string => new Date(d.getTime() + seconds * 1000).toISOString();

export function shipyardOrderView(o: ShipyardOrder): ShipyardOrderView {
  return {
    id: o.id,
    planetId: o.planetId,
    unit: o.unit,
    count: o.count,
    delivered: o.delivered,
    cost: { metal: o.costMetal, crystal: o.costCrystal, deuterium: o.costDeuterium },
    unitSeconds: o.unitSeconds,
    queuedAt: o.queuedAt.toISOString(),
    startsAt: o.startsAt?.toISOString() ?? null,
    endsAt: o.endsAt?.toISOString() ?? null,
    nextUnitAt: o.startsAt && o.delivered < o.count ? at(o.startsAt, (o.delivered + 1) * o.unitSeconds) : null,
  };
}
