import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Everything that happens at a future instant is one row here; the tick applies rows in (dueAt, id) order. */
export const ScheduledEventSchema = defineEntity({
  name: 'ScheduledEvent',
  tableName: 'scheduled_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    dueAt: p.datetime(3),
    kind: p.text(),
    playerId: p.integer().nullable(),
    planetId: p.integer().nullable(),
    payload: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: p.datetime(3),
  },
});
export type ScheduledEvent = InferEntity<typeof ScheduledEventSchema>;

export const TickLogSchema = defineEntity({
  name: 'TickLog',
  tableName: 'tick_log',
  properties: {
    tick: p.bigint('number').primary().autoincrement(),
    node: p.text(),
    startedAt: p.datetime(3),
    durationMs: p.float().columnType('double precision'),
    eventsApplied: p.integer(),
    maxLagMs: p.float().columnType('double precision'),
  },
});
export type TickLog = InferEntity<typeof TickLogSchema>;
