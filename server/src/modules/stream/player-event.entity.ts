import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The player's ordered event stream: written in the transaction of the change it describes. */
export const PlayerEventSchema = defineEntity({
  name: 'PlayerEvent',
  tableName: 'player_event',
  properties: {
    playerId: p.integer().primary(),
    seq: p.bigint('number').primary(),
    type: p.text(),
    data: p.json<unknown>().columnType('jsonb'),
    createdAt: p.datetime(3),
  },
  primaryKeys: ['playerId', 'seq'],
});
export type PlayerEvent = InferEntity<typeof PlayerEventSchema>;
