// The workload of the chaos and outage suites (building upgrades, and cancels of items the client
// queued) and the check that it was applied exactly once: every seq of every client logged once,
// the cursor at the end, every answer the client got equal to the stored outcome, and each
// planet's queue and resources exactly what the applied commands say.
import { expect } from '@jest/globals';
import type { CommandAck, CommandEnvelope, CommandOutcome, Resources } from '@starhold/common';
import type { HasServices } from '../../support/game-sql.js';
import { sql } from '../../support/game-sql.js';

type Upgrade = { queueItem: { id: number; cost: Resources } };
type Answer = CommandAck | CommandOutcome;
const BUILDINGS = ['metalMine', 'crystalMine', 'solarPlant', 'deuteriumSynthesizer'];

/** Upgrades, and nearly half cancels of an item this client queued and has not seen removed (it may be gone anyway). */
export function upgradesAndCancels(planetId: number, rnd: () => number) {
  return (_seq: number, answers: ReadonlyMap<number, Answer>): Pick<CommandEnvelope, 'type' | 'payload'> => {
    const results = [...answers.values()].flatMap((a) => (a.status === 'applied' ? [a.result as Partial<Upgrade> & { cancelled?: number[] }] : []));
    const gone = new Set(results.flatMap((r) => r.cancelled ?? []));
    const mine = results.flatMap((r) => (r.queueItem && !gone.has(r.queueItem.id) ? [r.queueItem.id] : []));
    if (mine.length > 0 && rnd() < 0.45)
      return { type: 'buildings.cancel', payload: { planetId, queueItemId: mine[Math.floor(rnd() * mine.length)]! } };
    return { type: 'buildings.upgrade', payload: { planetId, building: BUILDINGS[Math.floor(rnd() * BUILDINGS.length)]! } };
  };
}

/** An answer as the outcome stored for its seq (a duplicate repeats the original). */
function outcomeOf(a: Answer): unknown {
  if (a.status !== 'duplicate') return a;
  if (a.original === 'applied') return { status: 'applied', result: a.result };
  if (a.original === 'rejected') return { status: 'rejected', error: a.error };
  return a; // 'unknown' (a pruned log row): nothing is pruned here, so it matches no stored outcome
}

export interface ClientRecord {
  clientId: string;
  total: number;
  answers: ReadonlyMap<number, Answer>;
}

export interface PlanetRecord {
  playerId: number;
  planetId: number;
  start: Resources;
}

export interface Tally {
  applied: number;
  rejected: number;
  /** Rule rejections by code (final answers, like applied ones). */
  rejectedBy: Record<string, number>;
  lost: number;
  duplicated: number;
}

export async function verifyExactlyOnce(t: HasServices, clients: ClientRecord[], planets: PlanetRecord[]): Promise<Tally> {
  const tally: Tally = { applied: 0, rejected: 0, rejectedBy: {}, lost: 0, duplicated: 0 };
  for (const c of clients) {
    const rows = await sql<{ seq: string; outcome: CommandOutcome }>(t, 'select seq, outcome from command_log where client_id = ? order by seq', [
      c.clientId,
    ]);
    const seqs = rows.map((r) => Number(r.seq));
    tally.lost += c.total - new Set(seqs).size;
    tally.duplicated += seqs.length - new Set(seqs).size;
    expect({ clientId: c.clientId, seqs }).toEqual({ clientId: c.clientId, seqs: Array.from({ length: c.total }, (_, i) => i + 1) });
    const cursor = await sql<{ s: string }>(t, 'select last_seq as s from client_cursor where client_id = ?', [c.clientId]);
    expect(Number(cursor[0]?.s)).toBe(c.total);
    for (const [seq, a] of c.answers) expect({ seq, outcome: outcomeOf(a) }).toEqual({ seq, outcome: rows[seq - 1]?.outcome });
  }
  for (const p of planets) {
    const log = await sql<{ type: string; outcome: CommandOutcome }>(t, 'select type, outcome from command_log where player_id = ?', [p.playerId]);
    const done = log.filter((r) => r.outcome.status === 'applied');
    tally.applied += done.length;
    tally.rejected += log.length - done.length;
    for (const { outcome } of log) {
      if (outcome.status === 'rejected') tally.rejectedBy[outcome.error.code] = (tally.rejectedBy[outcome.error.code] ?? 0) + 1;
    }
    const items = new Map<number, Resources>();
    const cancelled = new Set<number>();
    for (const { outcome } of done.filter((r) => r.type === 'buildings.upgrade')) {
      const { id, cost } = (outcome as { result: Upgrade }).result.queueItem;
      if (items.has(id)) tally.duplicated++;
      items.set(id, cost);
    }
    for (const { outcome } of done.filter((r) => r.type === 'buildings.cancel')) {
      for (const id of (outcome as { result: { cancelled: number[] } }).result.cancelled) {
        if (cancelled.has(id) || !items.has(id)) tally.duplicated++; // refunded twice, or never queued
        cancelled.add(id);
      }
    }
    const left = [...items.keys()].filter((id) => !cancelled.has(id)).sort((x, y) => x - y);
    const queue = await sql<{ id: number }>(t, 'select id from queue_item where planet_id = ? order by id', [p.planetId]);
    expect({ planet: p.planetId, queue: queue.map((r) => Number(r.id)) }).toEqual({ planet: p.planetId, queue: left });
    const spent = (k: keyof Resources) => left.reduce((n, id) => n + items.get(id)![k], 0);
    const row = (await sql<Record<keyof Resources, string>>(t, 'select metal, crystal, deuterium from planet where id = ?', [p.planetId]))[0]!;
    expect({ planet: p.planetId, metal: Number(row.metal), crystal: Number(row.crystal), deuterium: Number(row.deuterium) }).toEqual({
      planet: p.planetId,
      metal: p.start.metal - spent('metal'),
      crystal: p.start.crystal - spent('crystal'),
      deuterium: p.start.deuterium - spent('deuterium'),
    });
  }
  return tally;
}
