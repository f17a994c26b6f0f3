import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One shipyard order: `count` units of `unit`, paid in full when placed. The running order (the
 * oldest of its planet) has startsAt/endsAt; unit k (1-based) is done at startsAt + k · unitSeconds
 * and is delivered by its own `shipyard.unit` event (one event per order at a time).
 */
export const ShipyardOrderSchema = defineEntity({
  name: 'ShipyardOrder',
  tableName: 'shipyard_order',
  properties: {
    id: p.integer().primary().autoincrement(),
    playerId: p.integer(),
    planetId: p.integer(),
    unit: p.text(),
    count: p.integer(),
    delivered: p.integer().default(0),
    costMetal: p.bigint('number'),
    costCrystal: p.bigint('number'),
    costDeuterium: p.bigint('number'),
    unitSeconds: p.integer(),
    queuedAt: p.datetime(3),
    startsAt: p.datetime(3).nullable(),
    endsAt: p.datetime(3).nullable(),
  },
});
export type ShipyardOrder = InferEntity<typeof ShipyardOrderSchema>;
