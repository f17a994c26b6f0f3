// Direct SQL helpers for game tests: set up state a player could only reach after hours of play,
// and read back exactly what was stored.
import { randomBytes } from 'node:crypto';
import { zeroBuildings } from '@starhold/common';
import type { Services } from '../../src/services.js';

export interface HasServices {
  services: Services;
}

/** Runs raw SQL on a fresh EntityManager fork (outside any request). */
export async function sql<T extends object = Record<string, unknown>>(t: HasServices, query: string, params: unknown[] = []): Promise<T[]> {
  return t.services.orm.em.fork().execute<T[]>(query, params);
}

export interface PlanetRow {
  metal: number;
  crystal: number;
  deuterium: number;
  settledAt: Date;
  buildings: Record<string, number>;
}

export async function planetRow(t: HasServices, planetId: number): Promise<PlanetRow> {
  const rows = await sql<{ metal: string; crystal: string; deuterium: string; settled_at: Date; buildings: Record<string, number> }>(
    t,
    'select metal, crystal, deuterium, settled_at, buildings from planet where id = ?',
    [planetId],
  );
  const r = rows[0];
  if (!r) throw new Error(`planet ${planetId} not found`);
  return {
    metal: Number(r.metal),
    crystal: Number(r.crystal),
    deuterium: Number(r.deuterium),
    settledAt: new Date(r.settled_at),
    buildings: r.buildings,
  };
}

export interface PlanetPatch {
  metal?: number;
  crystal?: number;
  deuterium?: number;
  /** Merged into the stored building levels. */
  buildings?: Record<string, number>;
  /** Resets the settle instant (and the fractional remainders). */
  settledAt?: Date;
}

/** Overwrites stored amounts / levels of a planet, as an admin would. */
export async function patchPlanet(t: HasServices, planetId: number, p: PlanetPatch): Promise<void> {
  await sql(
    t,
    `update planet set
      metal = coalesce(?, metal), crystal = coalesce(?, crystal), deuterium = coalesce(?, deuterium),
      buildings = buildings || ?::jsonb,
      settled_at = coalesce(?, settled_at),
      metal_rem = case when ? then 0 else metal_rem end,
      crystal_rem = case when ? then 0 else crystal_rem end,
      deuterium_rem = case when ? then 0 else deuterium_rem end
    where id = ?`,
    [
      p.metal ?? null,
      p.crystal ?? null,
      p.deuterium ?? null,
      JSON.stringify(p.buildings ?? {}),
      p.settledAt ?? null,
      p.settledAt !== undefined,
      p.settledAt !== undefined,
      p.settledAt !== undefined,
      planetId,
    ],
  );
}

/**
 * Gives a player another planet (colonisation is not playable yet). Home planets sit at positions
 * 4..12, so position 1 or 15 never collides with a registration.
 */
export async function addPlanet(
  t: HasServices,
  playerId: number,
  o: {
    galaxy: number;
    system: number;
    position: 1 | 15;
    metal: number;
    crystal: number;
    deuterium: number;
    buildings: Record<string, number>;
    at: Date;
  },
): Promise<number> {
  const rows = await sql<{ id: number }>(
    t,
    `insert into planet (player_id, name, galaxy, system, position, temperature_min, temperature_max, fields,
      metal, crystal, deuterium, settled_at, buildings, created_at)
    values (?, 'Colony', ?, ?, ?, -20, 20, 163, ?, ?, ?, ?, ?::jsonb, ?) returning id`,
    [playerId, o.galaxy, o.system, o.position, o.metal, o.crystal, o.deuterium, o.at, JSON.stringify({ ...zeroBuildings(), ...o.buildings }), o.at],
  );
  return Number(rows[0]?.id);
}

/** Merges research levels into a player's stored research. */
export async function patchResearch(t: HasServices, playerId: number, research: Record<string, number>): Promise<void> {
  await sql(t, 'update player set research = research || ?::jsonb where id = ?', [JSON.stringify(research), playerId]);
}

/** The stored cursor of (player, clientId), or undefined when none exists. */
export async function cursorOf(t: HasServices, playerId: number, clientId: string): Promise<number | undefined> {
  const rows = await sql<{ last_seq: string }>(t, 'select last_seq from client_cursor where player_id = ? and client_id = ?', [playerId, clientId]);
  return rows[0] ? Number(rows[0].last_seq) : undefined;
}

export interface QueueRow {
  id: number;
  target: string;
  level: number;
  startsAt: Date | null;
  endsAt: Date | null;
}

export async function queueRows(
  t: HasServices,
  where: { planetId: number } | { playerId: number },
  kind: 'building' | 'research',
): Promise<QueueRow[]> {
  const [col, id] = 'planetId' in where ? ['planet_id', where.planetId] : ['player_id', where.playerId];
  const rows = await sql<{ id: number; target: string; level: number; starts_at: Date | null; ends_at: Date | null }>(
    t,
    `select id, target, level, starts_at, ends_at from queue_item where ${col} = ? and kind = ? order by id`,
    [id, kind],
  );
  return rows.map((r) => ({
    id: r.id,
    target: r.target,
    level: r.level,
    startsAt: r.starts_at ? new Date(r.starts_at) : null,
    endsAt: r.ends_at ? new Date(r.ends_at) : null,
  }));
}

/** Due instants of the scheduled events of a planet, in order. */
export async function scheduledFor(t: HasServices, planetId: number): Promise<{ kind: string; dueAt: Date; payload: Record<string, unknown> }[]> {
  const rows = await sql<{ kind: string; due_at: Date; payload: Record<string, unknown> }>(
    t,
    'select kind, due_at, payload from scheduled_event where planet_id = ? order by due_at, id',
    [planetId],
  );
  return rows.map((r) => ({ kind: r.kind, dueAt: new Date(r.due_at), payload: r.payload }));
}

/** A fresh, valid command client id (8-64 chars of [A-Za-z0-9_-]). */
export function newClientId(prefix = 'client'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** A unique username per call (3-20 chars) so tests sharing one server never collide. */
let userCounter = 0;
export function uniqueName(prefix: string): string {
  userCounter += 1;
  return `${prefix.slice(0, 10)}${userCounter}${randomBytes(2).toString('hex')}`;
}
