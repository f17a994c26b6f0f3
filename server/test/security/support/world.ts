// Players with real data of every kind a route or command can point at: planets, a building
// queue (one started, one waiting item), a running research, a wheel spin, a shipyard order, a
// fleet, battle and espionage reports. Created through the API where a player could, by SQL where
// reaching that state would take hours of play.
import type { TestServer } from '../../harness.js';
import { newClientId, patchPlanet, patchResearch, sql } from '../../support/game-sql.js';

export interface Side {
  playerId: number;
  username: string;
  token: string;
  refreshToken: string;
  planetId: number;
  coords: { galaxy: number; system: number; position: number };
  buildingItemIds: number[];
  researchItemId: number;
  spinId: number;
  clientSeed: string;
  shipyardOrderId: number;
  fleetId: number;
  battleReportId: number;
  espionageReportId: number;
  /** Stored metal of the home planet right after setup (distinctive, to spot leaks). */
  metal: number;
}

const RICH = 900_000_000;
const NOTHING = { metal: 0, crystal: 0, deuterium: 0 };
/** The least a stored battle result needs for the report views. */
const BATTLE_RESULT = {
  rounds: [],
  debris: { metal: 0, crystal: 0 },
  attackerLosses: { resources: NOTHING },
  defenderLosses: { resources: NOTHING },
};
const SIDE = { units: {}, techs: { weapons: 0, shielding: 0, armour: 0 } };
/** A stored battle's input, as the report's contract (`battleReportViewSchema`) describes it. */
const BATTLE_INPUT = { attackers: SIDE, defenders: SIDE, options: {} };

async function one<T>(t: TestServer, q: string, params: unknown[] = []): Promise<T> {
  const rows = await sql<Record<string, T>>(t, q, params);
  const row = rows[0];
  if (!row) throw new Error(`no row from: ${q}`);
  return Object.values(row)[0] as T;
}

/**
 * Moves every id sequence of the schema to `base`, so the rows created next have ids that occur
 * nowhere else (a leak of one of them in an answer is then unmistakable).
 */
export async function moveSequences(t: TestServer, base: number): Promise<void> {
  const seqs = await sql<{ name: string }>(t, "select sequence_name as name from information_schema.sequences where sequence_schema = 'public'");
  for (const { name } of seqs) await sql(t, 'select setval(?::regclass, ?)', [name, base]);
}

/** Runs one command over REST and returns its result (throws unless applied). */
async function command(
  t: TestServer,
  token: string,
  clientId: string,
  seq: number,
  type: string,
  payload: unknown,
): Promise<Record<string, unknown>> {
  const r = await t.api.post('/api/v1/commands', { clientId, seq, type, payload }, token);
  if (r.body?.status !== 'applied') throw new Error(`${type}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result as Record<string, unknown>;
}

/** A registered player with data of every kind; `metal` makes its stored amount distinctive. */
export async function createSide(t: TestServer, username: string, metal = RICH): Promise<Side> {
  const s = await t.api.register(username);
  const now = t.clock.now();
  const coords = await sql<{ galaxy: number; system: number; position: number }>(t, 'select galaxy, system, position from planet where id = ?', [
    s.planetId,
  ]);
  await patchPlanet(t, s.planetId, {
    metal,
    crystal: RICH,
    deuterium: RICH,
    settledAt: now,
    buildings: { researchLab: 5, shipyard: 4, roboticsFactory: 2, metalMine: 10, crystalMine: 10, solarPlant: 12 },
  });
  await patchResearch(t, s.playerId, { energy: 3, combustion: 3, espionage: 2, computer: 2 });
  const cid = newClientId('world');
  const first = await command(t, s.token, cid, 1, 'buildings.upgrade', { planetId: s.planetId, building: 'metalMine' });
  const second = await command(t, s.token, cid, 2, 'buildings.upgrade', { planetId: s.planetId, building: 'crystalMine' });
  const research = await command(t, s.token, cid, 3, 'research.start', { planetId: s.planetId, research: 'energy' });
  const clientSeed = `seed-of-${username}`;
  const spin = await command(t, s.token, cid, 4, 'wheel.spin', { planetId: s.planetId, clientSeed });
  const itemId = (r: Record<string, unknown>) => (r.queueItem as { id: number }).id;

  const c = coords[0]!;
  const shipyardOrderId = await one<number>(
    t,
    `insert into shipyard_order (player_id, planet_id, unit, count, cost_metal, cost_crystal, cost_deuterium, unit_seconds, queued_at, starts_at, ends_at)
    values (?, ?, 'smallCargo', 3, 6000, 6000, 0, 60, ?, ?, ?) returning id`,
    [s.playerId, s.planetId, now, now, new Date(now.getTime() + 180_000)],
  );
  const fleetId = await one<number>(
    t,
    `insert into fleet (player_id, origin_planet_id, origin_galaxy, origin_system, origin_position,
      target_galaxy, target_system, target_position, mission, ships, speed, fuel, departed_at, arrives_at, state)
    values (?, ?, ?, ?, ?, ?, ?, 15, 'transport', '{"smallCargo": 2}'::jsonb, 100, 10, ?, ?, 'outbound') returning id`,
    [s.playerId, s.planetId, c.galaxy, c.system, c.position, c.galaxy, c.system, now, new Date(now.getTime() + 3_600_000)],
  );
  const battleReportId = await one<number>(
    t,
    `insert into battle_report (attacker_id, defender_id, planet_id, planet_name, galaxy, system, position,
      seed, engine_version, input, result, winner, loot, fought_at)
    values (?, ?, ?, 'Home', ?, ?, ?, 1, 1, ?::jsonb, ?::jsonb, 'draw', ?::jsonb, ?) returning id`,
    [
      s.playerId,
      s.playerId,
      s.planetId,
      c.galaxy,
      c.system,
      c.position,
      JSON.stringify(BATTLE_INPUT),
      JSON.stringify(BATTLE_RESULT),
      JSON.stringify(NOTHING),
      now,
    ],
  );
  const espionageReportId = await one<number>(
    t,
    `insert into espionage_report (spy_id, target_id, planet_id, planet_name, galaxy, system, position,
      probes, effective_probes, content, created_at)
    values (?, ?, ?, 'Home', ?, ?, ?, 1, 1, ?::jsonb, ?) returning id`,
    [s.playerId, s.playerId, s.planetId, c.galaxy, c.system, c.position, JSON.stringify({ sections: [], resources: NOTHING }), now],
  );
  const stored = await one<string>(t, 'select metal from planet where id = ?', [s.planetId]);

  return {
    playerId: s.playerId,
    username,
    token: s.token,
    refreshToken: s.refreshToken,
    planetId: s.planetId,
    coords: c,
    buildingItemIds: [itemId(first), itemId(second)],
    researchItemId: itemId(research),
    spinId: Number((spin as { spinId: number }).spinId),
    clientSeed,
    shipyardOrderId,
    fleetId,
    battleReportId,
    espionageReportId,
    metal: Number(stored),
  };
}
