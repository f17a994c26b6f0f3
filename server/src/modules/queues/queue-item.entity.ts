import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const QUEUE_KINDS = ['building', 'research'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** One queued building level or research level; the head item of a queue has start and end set. */
export const QueueItemSchema = defineEntity({
  name: 'QueueItem',
  tableName: 'queue_item',
  properties: {
    id: p.integer().primary().autoincrement(),
    playerId: p.integer(),
    planetId: p.integer(),
    kind: p.enum(QUEUE_KINDS).columnType('text'),
    target: p.text(),
    level: p.integer(),
    costMetal: p.bigint('number'),
    costCrystal: p.bigint('number'),
    costDeuterium: p.bigint('number'),
    queuedAt: p.datetime(3),
    startsAt: p.datetime(3).nullable(),
    endsAt: p.datetime(3).nullable(),
  },
});
export type QueueItem = InferEntity<typeof QueueItemSchema>;
