// Helpers for the lucky-wheel tests. The fairness procedure is recomputed here with node:crypto on
// purpose, independently of server/src, exactly as a player would do it from the docs.
import { createHash, createHmac } from 'node:crypto';
import { outcomeFromHmacHex, type BuildingLevels, type Resources, type WheelOutcome } from '@starhold/common';
import type { TestServer } from '../harness.js';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** HMAC-SHA256(key = server seed's hex text, message = `clientSeed:nonce`), lowercase hex. */
export const spinHmac = (serverSeed: string, clientSeed: string, nonce: number): string =>
  createHmac('sha256', serverSeed).update(`${clientSeed}:${nonce}`).digest('hex');

export const deriveOutcome = (serverSeed: string, clientSeed: string, nonce: number): WheelOutcome =>
  outcomeFromHmacHex(spinHmac(serverSeed, clientSeed, nonce));

/** Raw SQL on a fresh fork (reading and arranging state is fine in tests). */
export async function sql<T>(t: TestServer, query: string, params: unknown[] = []): Promise<T[]> {
  return t.services.orm.em.fork().execute<T[]>(query, params);
}
/** The player's current server seed and nonce, read straight from the database (tests only). */
export async function currentSeedRow(t: TestServer, playerId: number): Promise<{ serverSeed: string; nonce: number } | undefined> {
  const rows = await sql<{ server_seed: string; nonce: number }>(
    t,
    'select server_seed, nonce from wheel_seed where player_id = ? and revealed_at is null',
    [playerId],
  );
  const r = rows[0];
  return r ? { serverSeed: r.server_seed, nonce: Number(r.nonce) } : undefined;
}

/** A client seed that makes the player's next spin land on `want` (the seed is read from the DB). */
export async function clientSeedFor(t: TestServer, playerId: number, want: WheelOutcome): Promise<string> {
  const seed = await currentSeedRow(t, playerId);
  if (!seed) throw new Error('no seed yet: GET /api/v1/wheel first');
  for (let i = 0; i < 10_000; i++) {
    const candidate = `pick-${want}-${i}`;
    if (deriveOutcome(seed.serverSeed, candidate, seed.nonce) === want) return candidate;
  }
  throw new Error(`no client seed found for ${want}`);
}

export interface PlanetState {
  resources?: Resources;
  buildings?: Partial<BuildingLevels>;
  temperatureMax?: number;
  settledAt: Date;
}

/** Sets a planet's amounts (remainders 0), building levels and temperature, settled at `settledAt`. */
export async function setPlanet(t: TestServer, planetId: number, st: PlanetState): Promise<void> {
  const r = st.resources;
  await sql(
    t,
    `update planet set
      metal = coalesce(?, metal), crystal = coalesce(?, crystal), deuterium = coalesce(?, deuterium),
      metal_rem = 0, crystal_rem = 0, deuterium_rem = 0, settled_at = ?,
      buildings = buildings || ?::jsonb, temperature_max = coalesce(?, temperature_max)
    where id = ?`,
    [
      r?.metal ?? null,
      r?.crystal ?? null,
      r?.deuterium ?? null,
      st.settledAt,
      JSON.stringify(st.buildings ?? {}),
      st.temperatureMax ?? null,
      planetId,
    ],
  );
}

export async function planetBuff(t: TestServer, planetId: number): Promise<{ multiplier: number; endsAt: number | null }> {
  const rows = await sql<{ production_multiplier: number; buff_ends_at: Date | null }>(
    t,
    'select production_multiplier, buff_ends_at from planet where id = ?',
    [planetId],
  );
  const r = rows[0];
  if (!r) throw new Error(`planet ${planetId} missing`);
  return { multiplier: Number(r.production_multiplier), endsAt: r.buff_ends_at ? new Date(r.buff_ends_at).getTime() : null };
}

export async function wheelEvents(t: TestServer, planetId: number): Promise<{ kind: string; dueAt: number; spinId: number }[]> {
  const rows = await sql<{ kind: string; due_at: Date; payload: { spinId: number } }>(
    t,
    `select kind, due_at, payload from scheduled_event where planet_id = ? and kind like 'wheel.%' order by due_at, id`,
    [planetId],
  );
  return rows.map((r) => ({ kind: r.kind, dueAt: new Date(r.due_at).getTime(), spinId: Number(r.payload.spinId) }));
}

export async function streamTypes(t: TestServer, playerId: number): Promise<string[]> {
  const rows = await sql<{ type: string }>(t, 'select type from player_event where player_id = ? order by seq', [playerId]);
  return rows.map((r) => r.type);
}

/**
 * Amount after exact accrual over consecutive segments of [ratePerHour, ms]: the stored value plus
 * the floor of the exact sum (remainders are carried exactly between settles, so splitting does
 * not change the result while no cap or zero is reached).
 */
export function accrued(start: number, segments: [rate: number, ms: number][]): number {
  const numerator = segments.reduce((sum, [rate, ms]) => sum + BigInt(rate) * BigInt(ms), 0n);
  return start + Number(numerator / 3_600_000n);
}
