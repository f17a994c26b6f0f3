import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { BattleOptions, BattleResult, BattleSide, BattleWinner, EspionageReportView, Resources } from '@starhold/common';

export interface StoredBattleInput {
  attackers: BattleSide;
  defenders: BattleSide;
  options: BattleOptions;
}

/** A battle with everything needed to replay it: seed, inputs, options and engine version. */
export const BattleReportSchema = defineEntity({
  name: 'BattleReport',
  tableName: 'battle_report',
  properties: {
    id: p.integer().primary().autoincrement(),
    attackerId: p.integer(),
    defenderId: p.integer(),
    fleetId: p.integer().nullable(),
    planetId: p.integer(),
    planetName: p.text(),
    galaxy: p.integer(),
    system: p.integer(),
    position: p.integer(),
    seed: p.bigint('number'),
    engineVersion: p.integer(),
    input: p.json<StoredBattleInput>().columnType('jsonb'),
    result: p.json<BattleResult>().columnType('jsonb'),
    winner: p.text().$type<BattleWinner>(),
    loot: p.json<Resources>().columnType('jsonb'),
    foughtAt: p.datetime(3),
  },
});
export type BattleReport = InferEntity<typeof BattleReportSchema>;

/** The sections an espionage report unlocked (what EspionageReportView shows beyond the summary). */
export type EspionageContent = Pick<EspionageReportView, 'sections' | 'resources' | 'fleet' | 'defense' | 'buildings' | 'research'>;

export const EspionageReportSchema = defineEntity({
  name: 'EspionageReport',
  tableName: 'espionage_report',
  properties: {
    id: p.integer().primary().autoincrement(),
    spyId: p.integer(),
    targetId: p.integer(),
    fleetId: p.integer().nullable(),
    planetId: p.integer(),
    planetName: p.text(),
    galaxy: p.integer(),
    system: p.integer(),
    position: p.integer(),
    probes: p.integer(),
    effectiveProbes: p.integer(),
    content: p.json<EspionageContent>().columnType('jsonb'),
    createdAt: p.datetime(3),
  },
});
export type EspionageReport = InferEntity<typeof EspionageReportSchema>;
