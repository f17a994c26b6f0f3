import type { EntityManager } from '@mikro-orm/postgresql';
import type { BuildingLevels } from '@starhold/common';
import { dateOf, dateOrNull, type SqlDate } from '../../db/sql-values.js';
import type { Planet } from './planet.entity.js';

/** A `planet` row as `select *` returns it through `em.execute`. */
export interface PlanetRow {
  id: number;
  player_id: number;
  name: string;
  galaxy: number;
  system: number;
  position: number;
  temperature_min: number;
  temperature_max: number;
  fields: number;
  metal: string | number;
  crystal: string | number;
  deuterium: string | number;
  metal_rem: number;
  crystal_rem: number;
  deuterium_rem: number;
  settled_at: SqlDate;
  buildings: BuildingLevels;
  units: Record<string, number>;
  production_multiplier: number;
  buff_ends_at: SqlDate | null;
  created_at: SqlDate;
}

/** The row as a plain (unmanaged) Planet: changes to it are written by the caller, not by a flush. */
export function planetFromRow(r: PlanetRow): Planet {
  return {
    id: r.id,
    playerId: r.player_id,
    name: r.name,
    galaxy: r.galaxy,
    system: r.system,
    position: r.position,
    temperatureMin: r.temperature_min,
    temperatureMax: r.temperature_max,
    fields: r.fields,
    metal: Number(r.metal),
    crystal: Number(r.crystal),
    deuterium: Number(r.deuterium),
    metalRem: r.metal_rem,
    crystalRem: r.crystal_rem,
    deuteriumRem: r.deuterium_rem,
    settledAt: dateOf(r.settled_at),
    buildings: r.buildings,
    units: r.units,
    productionMultiplier: r.production_multiplier,
    buffEndsAt: dateOrNull(r.buff_ends_at),
    createdAt: dateOf(r.created_at),
  };
}

/** Writes a plain planet's stored resources (amounts, remainders, settle instant): one targeted UPDATE. */
export async function saveResources(em: EntityManager, planet: Planet): Promise<void> {
  await em.execute(
    `update planet set metal = ?, crystal = ?, deuterium = ?, metal_rem = ?, crystal_rem = ?, deuterium_rem = ?, settled_at = ?
     where id = ?`,
    [planet.metal, planet.crystal, planet.deuterium, planet.metalRem, planet.crystalRem, planet.deuteriumRem, planet.settledAt, planet.id],
  );
}
