import type { EntityManager } from '@mikro-orm/postgresql';
import { temperatureForPosition, zeroBuildings, type Coordinates, type Resources, type UniverseSettings } from '@starhold/common';
import { cryptoRandomInt, type RandomInt } from '../planets/placement.js';

/**
 * Founds a colony at `c` holding `resources`, settled from `at`. Returns its id, or null when the
 * position is taken (the unique constraint decides, so two colonizers can never share a spot).
 */
export async function createColony(
  em: EntityManager,
  playerId: number,
  c: Coordinates,
  resources: Resources,
  u: UniverseSettings,
  at: Date,
  rnd: RandomInt = cryptoRandomInt,
): Promise<number | null> {
  const t = temperatureForPosition(c.position, rnd(1_000_000) / 1_000_000, u.positions);
  const rows = await em.execute<{ id: number }[]>(
    `insert into planet (player_id, name, galaxy, system, position, temperature_min, temperature_max, fields,
       metal, crystal, deuterium, settled_at, buildings, created_at)
     values (?, 'Colony', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
     on conflict on constraint planet_coords_uq do nothing
     returning id`,
    [
      playerId,
      c.galaxy,
      c.system,
      c.position,
      t.min,
      t.max,
      u.startFields,
      resources.metal,
      resources.crystal,
      resources.deuterium,
      at,
      JSON.stringify(zeroBuildings()),
      at,
    ],
  );
  const row = rows[0];
  return row ? Number(row.id) : null;
}
