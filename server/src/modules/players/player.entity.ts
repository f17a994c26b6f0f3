import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ResearchLevels } from '@starhold/common';

export const PlayerSchema = defineEntity({
  name: 'Player',
  tableName: 'player',
  properties: {
    id: p.integer().primary().autoincrement(),
    username: p.text(),
    passwordHash: p.text().lazy(),
    research: p.json<Partial<ResearchLevels>>().columnType('jsonb'),
    eventSeq: p.bigint('number').default(0),
    createdAt: p.datetime(3),
    lastSeenAt: p.datetime(3).nullable(),
    bannedAt: p.datetime(3).nullable(),
  },
});
export type Player = InferEntity<typeof PlayerSchema>;
