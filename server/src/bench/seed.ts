import bcrypt from 'bcryptjs';
import pg from 'pg';
import { zeroBuildings, zeroResearch } from '@starhold/common';
import { systemClock } from '../clock.js';
import { initOrm, migrate } from '../db/orm.js';
import { AccessTokens } from '../modules/auth/tokens.js';
import { BENCH_JWT_SECRET } from './target.js';

/**
 * Fast universes for benchmarks: players and planets are inserted with set-based SQL (one
 * precomputed bcrypt hash for everybody — hashing 25 000 passwords would take minutes), and
 * access tokens are signed here with the server's secret instead of logging in.
 */

export interface BenchPlayer {
  id: number;
  username: string;
  planetId: number;
}

export interface AuthedPlayer extends BenchPlayer {
  token: string;
}

/** Planets per galaxy with 499 systems × 15 positions; bench universes may use more galaxies than a real one. */
const PER_GALAXY = 499 * 15;

export interface SeedOptions {
  players: number;
  /** Home planets are `players` planets; extra planets are spread over the first players. */
  extraPlanets?: number;
  /** Starting metal/crystal/deuterium of every planet. */
  resources?: number;
}

/** Applies the migrations to `dbUrl` and inserts the players and planets; returns the players in id order. */
export async function seedUniverse(dbUrl: string, opts: SeedOptions): Promise<BenchPlayer[]> {
  const orm = await initOrm({ url: dbUrl });
  try {
    await migrate(orm);
  } finally {
    await orm.close(true);
  }
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const hash = bcrypt.hashSync('bench-password', 4);
    const r = opts.resources ?? 1_000_000_000;
    await client.query(
      `insert into player (username, password_hash, research, event_seq, created_at)
       select 'bench' || i, $1, $2::jsonb, 0, now() from generate_series(1, $3::int) i`,
      [hash, JSON.stringify(zeroResearch()), opts.players],
    );
    const total = opts.players + (opts.extraPlanets ?? 0);
    // Planet k (0-based) belongs to player (k mod players) in id order; coordinates are unique by construction.
    await client.query(
      `with p as (select id, row_number() over (order by id) - 1 as rn from player),
            k as (select g as k from generate_series(0, $1::int - 1) g)
       insert into planet (player_id, name, galaxy, system, position, temperature_min, temperature_max, fields,
         metal, crystal, deuterium, settled_at, buildings, created_at)
       select p.id, 'Homeworld', 1 + k / ${PER_GALAXY}, 1 + (k / 15) % 499, 1 + k % 15, -20, 20, 163,
         $2::bigint, $2::bigint, $2::bigint, now(), $3::jsonb, now()
       from k join p on p.rn = k.k % $4::int`,
      [total, r, JSON.stringify(zeroBuildings()), opts.players],
    );
    await client.query('analyze player; analyze planet');
    const rows = await client.query<{ id: number; username: string; planet_id: number }>(
      `select p.id, p.username, min(pl.id) as planet_id from player p join planet pl on pl.player_id = p.id group by p.id order by p.id`,
    );
    return rows.rows.map((x) => ({ id: Number(x.id), username: x.username, planetId: Number(x.planet_id) }));
  } finally {
    await client.end();
  }
}

/** Signs an access token for each player with the bench secret (valid `ttlS` seconds). */
export async function withTokens(players: readonly BenchPlayer[], ttlS = 3_600): Promise<AuthedPlayer[]> {
  const tokens = new AccessTokens(BENCH_JWT_SECRET, ttlS, systemClock);
  const out: AuthedPlayer[] = [];
  for (const p of players) out.push({ ...p, token: (await tokens.sign(p.id, p.username)).token });
  return out;
}
