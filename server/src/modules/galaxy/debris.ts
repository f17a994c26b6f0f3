import type { EntityManager } from '@mikro-orm/postgresql';
import type { Coordinates } from '@starhold/common';
import { lockDebrisField } from '../../db/locks.js';

export interface DebrisAmounts {
  metal: number;
  crystal: number;
}

/** Adds debris to the field at `c` (created on first use). Locks the field's row. */
export async function addDebris(em: EntityManager, c: Coordinates, d: DebrisAmounts, at: Date): Promise<void> {
  if (d.metal <= 0 && d.crystal <= 0) return;
  await em.execute(
    `insert into debris_field (galaxy, system, position, metal, crystal, updated_at) values (?, ?, ?, ?, ?, ?)
     on conflict (galaxy, system, position) do update
       set metal = debris_field.metal + excluded.metal, crystal = debris_field.crystal + excluded.crystal, updated_at = excluded.updated_at`,
    [c.galaxy, c.system, c.position, d.metal, d.crystal, at],
  );
}

/**
 * Takes `pick(field)` out of the field at `c` under a row lock (two recycler fleets arriving one
 * after the other share it correctly); an emptied field is deleted. Nothing there → zeros.
 */
export async function takeDebris(em: EntityManager, c: Coordinates, pick: (field: DebrisAmounts) => DebrisAmounts, at: Date): Promise<DebrisAmounts> {
  const row = await lockDebrisField(em, c);
  if (!row) return { metal: 0, crystal: 0 };
  const field = { metal: Number(row.metal), crystal: Number(row.crystal) };
  const taken = pick(field);
  const left = { metal: field.metal - taken.metal, crystal: field.crystal - taken.crystal };
  if (left.metal === 0 && left.crystal === 0) {
    await em.execute('delete from debris_field where galaxy = ? and system = ? and position = ?', [c.galaxy, c.system, c.position]);
  } else {
    await em.execute('update debris_field set metal = ?, crystal = ?, updated_at = ? where galaxy = ? and system = ? and position = ?', [
      left.metal,
      left.crystal,
      at,
      c.galaxy,
      c.system,
      c.position,
    ]);
  }
  return taken;
}

/** The debris fields of one system, by position. */
export async function debrisInSystem(em: EntityManager, galaxy: number, system: number): Promise<Map<number, DebrisAmounts>> {
  const rows = await em.execute<{ position: number; metal: string; crystal: string }[]>(
    'select position, metal, crystal from debris_field where galaxy = ? and system = ?',
    [galaxy, system],
  );
  return new Map(rows.map((r) => [Number(r.position), { metal: Number(r.metal), crystal: Number(r.crystal) }]));
}
