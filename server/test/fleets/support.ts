// Fleet test helpers: players on known coordinates with granted ships, research and resources,
// plus readers for what was stored (fleet rows, planet stock, stream events).
import { runTick } from '../../src/game/tick.js';
import type { TestServer } from '../harness.js';
import { patchPlanet, patchResearch, sql, uniqueName } from '../support/game-sql.js';

export const S = 1000;

/** Above the 10 000 storage cap: planets holding this much produce nothing, so amounts stay exact over hours. */
export const RICH = { metal: 50_000, crystal: 50_000, deuterium: 50_000 } as const;

export interface Coords {
  galaxy: number;
  system: number;
  /** 1–3 or 13–15: home planets are placed at 4–12, so these never collide with a registration. */
  position: number;
}

export interface Player {
  name: string;
  token: string;
  playerId: number;
  planetId: number;
  coords: Coords;
}

export interface PlayerSetup {
  resources?: { metal: number; crystal: number; deuterium: number };
  units?: Record<string, number>;
  research?: Record<string, number>;
  buildings?: Record<string, number>;
}

/** Moves a planet to fixed coordinates and replaces its ships/defenses. */
export async function placePlanet(t: TestServer, planetId: number, c: Coords, units: Record<string, number> = {}): Promise<void> {
  await sql(t, 'update planet set galaxy = ?, system = ?, position = ?, units = ?::jsonb where id = ?', [
    c.galaxy,
    c.system,
    c.position,
    JSON.stringify(units),
    planetId,
  ]);
}

/** A fresh player whose home planet sits at `c`, holding `setup` (RICH resources by default), settled now. */
export async function playerAt(t: TestServer, prefix: string, c: Coords, setup: PlayerSetup = {}): Promise<Player> {
  const name = uniqueName(prefix);
  const s = await t.api.register(name);
  await placePlanet(t, s.planetId, c, setup.units ?? {});
  await patchPlanet(t, s.planetId, { ...(setup.resources ?? RICH), buildings: setup.buildings ?? {}, settledAt: t.clock.now() });
  if (setup.research) await patchResearch(t, s.playerId, setup.research);
  return { name, token: s.token, playerId: s.playerId, planetId: s.planetId, coords: c };
}

export interface PlanetState {
  resources: { metal: number; crystal: number; deuterium: number };
  units: Record<string, number>;
}

export async function planetState(t: TestServer, planetId: number): Promise<PlanetState> {
  const rows = await sql<{ metal: string; crystal: string; deuterium: string; units: Record<string, number> }>(
    t,
    'select metal, crystal, deuterium, units from planet where id = ?',
    [planetId],
  );
  const r = rows[0];
  if (!r) throw new Error(`planet ${planetId} not found`);
  return { resources: { metal: Number(r.metal), crystal: Number(r.crystal), deuterium: Number(r.deuterium) }, units: r.units };
}

export interface FleetRow {
  state: string;
  ships: Record<string, number>;
  cargo: { metal: number; crystal: number; deuterium: number };
  arrivesAt: Date;
  returnsAt: Date | null;
  recalledAt: Date | null;
  outcome: Record<string, unknown> | null;
}

export async function fleetRow(t: TestServer, fleetId: number): Promise<FleetRow> {
  const rows = await sql<{
    state: string;
    ships: Record<string, number>;
    cargo_metal: string;
    cargo_crystal: string;
    cargo_deuterium: string;
    arrives_at: Date;
    returns_at: Date | null;
    recalled_at: Date | null;
    outcome: Record<string, unknown> | null;
  }>(t, 'select * from fleet where id = ?', [fleetId]);
  const r = rows[0];
  if (!r) throw new Error(`fleet ${fleetId} not found`);
  return {
    state: r.state,
    ships: r.ships,
    cargo: { metal: Number(r.cargo_metal), crystal: Number(r.cargo_crystal), deuterium: Number(r.cargo_deuterium) },
    arrivesAt: new Date(r.arrives_at),
    returnsAt: r.returns_at ? new Date(r.returns_at) : null,
    recalledAt: r.recalled_at ? new Date(r.recalled_at) : null,
    outcome: r.outcome,
  };
}

/** Scheduled events of a fleet, in queue order. */
export async function fleetEvents(t: TestServer, fleetId: number): Promise<{ kind: string; dueAt: Date; planetId: number | null }[]> {
  const rows = await sql<{ kind: string; due_at: Date; planet_id: number | null }>(
    t,
    `select kind, due_at, planet_id from scheduled_event where payload @> ?::jsonb and kind like 'fleet.%' order by due_at, id`,
    [JSON.stringify({ fleetId })],
  );
  return rows.map((r) => ({ kind: r.kind, dueAt: new Date(r.due_at), planetId: r.planet_id }));
}

/** The player's stream events of the given types, oldest first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- event bodies are asserted field by field
export async function streamOf(t: TestServer, playerId: number, types?: string[]): Promise<{ type: string; data: any }[]> {
  const rows = await sql<{ type: string; data: unknown }>(t, 'select type, data from player_event where player_id = ? order by seq', [playerId]);
  return rows.filter((r) => !types || types.includes(r.type));
}

/** Moves the clock to `at` and applies everything due by then. */
export async function tickAt(t: TestServer, at: Date | number): Promise<number> {
  t.clock.set(at);
  return (await runTick(t.services)).eventsApplied;
}

export const plus = (d: Date | string, seconds: number): Date => new Date(new Date(d).getTime() + seconds * S);
export const iso = (d: Date | number): string => new Date(d).toISOString();

export interface SendBody {
  planetId: number;
  ships: Record<string, number>;
  target: Coords;
  mission: string;
  speed?: number;
  cargo?: { metal: number; crystal: number; deuterium: number };
}

export function send(t: TestServer, p: Player, body: Omit<SendBody, 'planetId'> & { planetId?: number }) {
  return t.api.post('/api/v1/fleets', { planetId: p.planetId, ...body }, p.token);
}

export function recall(t: TestServer, p: Player, fleetId: number) {
  return t.api.post(`/api/v1/fleets/${fleetId}/recall`, undefined, p.token);
}
