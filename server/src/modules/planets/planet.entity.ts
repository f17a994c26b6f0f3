import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { BuildingLevels } from '@starhold/common';

/** Resources are stored settled at `settledAt`; remainders keep fractional accrual exact. */
export const PlanetSchema = defineEntity({
  name: 'Planet',
  tableName: 'planet',
  properties: {
    id: p.integer().primary().autoincrement(),
    playerId: p.integer(),
    name: p.text(),
    galaxy: p.integer(),
    system: p.integer(),
    position: p.integer(),
    temperatureMin: p.integer(),
    temperatureMax: p.integer(),
    fields: p.integer(),
    metal: p.bigint('number'),
    crystal: p.bigint('number'),
    deuterium: p.bigint('number'),
    metalRem: p.integer().default(0),
    crystalRem: p.integer().default(0),
    deuteriumRem: p.integer().default(0),
    settledAt: p.datetime(3),
    buildings: p.json<BuildingLevels>().columnType('jsonb'),
    units: p.json<Record<string, number>>().columnType('jsonb'),
    productionMultiplier: p.float().columnType('double precision').default(1),
    buffEndsAt: p.datetime(3).nullable(),
    createdAt: p.datetime(3),
  },
});
export type Planet = InferEntity<typeof PlanetSchema>;
