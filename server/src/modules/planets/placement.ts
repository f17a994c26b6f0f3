import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { temperatureForPosition, zeroBuildings, type UniverseSettings } from '@starhold/common';
import { AppError } from '../../core/errors.js';
import { ErrorCode } from '@starhold/common';

export interface Coords {
  galaxy: number;
  system: number;
  position: number;
}

/** Picks random coordinates; `rnd(n)` returns an integer in [0, n). */
export type RandomInt = (n: number) => number;
export const cryptoRandomInt: RandomInt = (n) => randomInt(n);

/**
 * Creates a home planet at a free random position. The unique constraint on coordinates makes
 * this safe under concurrent registrations: a taken position is skipped with ON CONFLICT and
 * another one is tried, inside the caller's transaction.
 */
export async function createHomePlanet(
  em: EntityManager,
  playerId: number,
  universe: UniverseSettings,
  at: Date,
  rnd: RandomInt = cryptoRandomInt,
): Promise<{ id: number; coords: Coords }> {
  // Home planets go to the habitable middle of a system (positions 4..12), like OGame.
  const minPos = Math.min(4, universe.positions);
  const maxPos = Math.max(minPos, Math.min(12, universe.positions));
  for (let attempt = 0; attempt < 200; attempt++) {
    const coords = {
      galaxy: 1 + rnd(universe.galaxies),
      system: 1 + rnd(universe.systems),
      position: minPos + rnd(maxPos - minPos + 1),
    };
    const t = temperatureForPosition(coords.position, rnd(1_000_000) / 1_000_000, universe.positions);
    const rows = await em.execute<{ id: number }[]>(
      `insert into planet (player_id, name, galaxy, system, position, temperature_min, temperature_max, fields,
         metal, crystal, deuterium, settled_at, buildings, created_at)
       values (?, 'Homeworld', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
       on conflict on constraint planet_coords_uq do nothing
       returning id`,
      [
        playerId,
        coords.galaxy,
        coords.system,
        coords.position,
        t.min,
        t.max,
        universe.startFields,
        universe.startResources.metal,
        universe.startResources.crystal,
        universe.startResources.deuterium,
        at,
        JSON.stringify(zeroBuildings()),
        at,
      ],
    );
    const row = rows[0];
    if (row) return { id: Number(row.id), coords };
  }
  throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The universe is full: no free position found');
}
