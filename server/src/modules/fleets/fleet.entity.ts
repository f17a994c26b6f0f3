import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MISSIONS, type FleetState, type MissionOutcome, type UnitCounts } from '@starhold/common';

export const FLEET_STATES = ['outbound', 'returning', 'done'] as const satisfies readonly FleetState[];

/**
 * A fleet movement. `outbound` until its `fleet.arrive` event (or a recall), then `returning`
 * until its `fleet.return` event, then `done` (kept as history). Ships and cargo left the origin
 * planet at departure; fuel was burnt then.
 */
export const FleetSchema = defineEntity({
  name: 'Fleet',
  tableName: 'fleet',
  properties: {
    id: p.integer().primary().autoincrement(),
    playerId: p.integer(),
    originPlanetId: p.integer(),
    originGalaxy: p.integer(),
    originSystem: p.integer(),
    originPosition: p.integer(),
    targetGalaxy: p.integer(),
    targetSystem: p.integer(),
    targetPosition: p.integer(),
    targetPlanetId: p.integer().nullable(),
    mission: p.enum(MISSIONS).columnType('text'),
    ships: p.json<UnitCounts>().columnType('jsonb'),
    cargoMetal: p.bigint('number').default(0),
    cargoCrystal: p.bigint('number').default(0),
    cargoDeuterium: p.bigint('number').default(0),
    speed: p.integer(),
    fuel: p.bigint('number'),
    departedAt: p.datetime(3),
    arrivesAt: p.datetime(3),
    returnsAt: p.datetime(3).nullable(),
    recalledAt: p.datetime(3).nullable(),
    state: p.enum(FLEET_STATES).columnType('text'),
    outcome: p.json<MissionOutcome>().columnType('jsonb').nullable(),
  },
});
export type Fleet = InferEntity<typeof FleetSchema>;
