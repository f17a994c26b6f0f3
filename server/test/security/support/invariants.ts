// Whole-database invariants, checked with plain SQL after a suite has thrown everything at the
// server: no negative amounts, consistent queues, a command log that matches every cursor.
import { withPgClient } from '../../../src/db/pg-client.js';

interface Check {
  name: string;
  /** Returns offending rows; none means the invariant holds. */
  sql: string;
}

const CHECKS: Check[] = [
  { name: 'negative planet resources', sql: 'select id, metal, crystal, deuterium from planet where metal < 0 or crystal < 0 or deuterium < 0' },
  {
    name: 'negative or non-numeric unit counts',
    sql: `select p.id, u.key, u.value from planet p, jsonb_each(p.units) u
          where jsonb_typeof(u.value) <> 'number' or (u.value)::numeric < 0`,
  },
  {
    name: 'negative fleet cargo, fuel or ships',
    sql: `select f.id from fleet f where f.cargo_metal < 0 or f.cargo_crystal < 0 or f.cargo_deuterium < 0 or f.fuel < 0
          or exists (select 1 from jsonb_each(f.ships) s where jsonb_typeof(s.value) <> 'number' or (s.value)::numeric < 0)`,
  },
  {
    name: 'shipyard orders with impossible counts or costs',
    sql: `select id from shipyard_order where count <= 0 or delivered < 0 or delivered > count
          or cost_metal < 0 or cost_crystal < 0 or cost_deuterium < 0`,
  },
  {
    name: 'building queues longer than 5 or without exactly one started item',
    sql: `select planet_id, count(*)::int as items, count(starts_at)::int as started from queue_item where kind = 'building'
          group by planet_id having count(*) > 5 or count(starts_at) <> 1`,
  },
  {
    name: 'research queues longer than 5 or without exactly one started item',
    sql: `select player_id, count(*)::int as items, count(starts_at)::int as started from queue_item where kind = 'research'
          group by player_id having count(*) > 5 or count(starts_at) <> 1`,
  },
  {
    name: 'queue items with negative costs or a start without an end',
    sql: `select id from queue_item where cost_metal < 0 or cost_crystal < 0 or cost_deuterium < 0
          or (starts_at is null) <> (ends_at is null) or ends_at < starts_at`,
  },
  {
    name: "started queue items without their completion event (due at the item's end)",
    sql: `select q.id, q.kind, q.ends_at from queue_item q where q.starts_at is not null and not exists (
            select 1 from scheduled_event e where e.kind = q.kind || '.complete'
            and e.payload->>'queueItemId' = q.id::text and e.due_at = q.ends_at)`,
  },
  {
    name: 'client cursors that differ from their command log (last_seq = max seq = number of entries)',
    sql: `select c.player_id, c.client_id, c.last_seq, max(l.seq) as max_seq, count(l.seq)::int as logged
          from client_cursor c left join command_log l on l.player_id = c.player_id and l.client_id = c.client_id
          group by c.player_id, c.client_id, c.last_seq
          having c.last_seq <> coalesce(max(l.seq), 0) or count(l.seq) <> c.last_seq`,
  },
  {
    name: 'command log entries without a cursor',
    sql: `select l.player_id, l.client_id, l.seq from command_log l where not exists (
            select 1 from client_cursor c where c.player_id = l.player_id and c.client_id = l.client_id)`,
  },
  {
    name: "player streams with holes or beyond the player's event_seq",
    sql: `select p.id, p.event_seq, min(e.seq) as min_seq, max(e.seq) as max_seq, count(*)::int as n
          from player p join player_event e on e.player_id = p.id group by p.id, p.event_seq
          having max(e.seq) <> p.event_seq or count(*) <> max(e.seq) - min(e.seq) + 1`,
  },
];

/** Every invariant that does not hold, with up to 5 offending rows each (empty = all good). */
export async function invariantViolations(dbUrl: string): Promise<string[]> {
  return withPgClient({ connectionString: dbUrl }, async (c) => {
    const out: string[] = [];
    for (const check of CHECKS) {
      const rows = (await c.query(`${check.sql} limit 5`)).rows;
      if (rows.length > 0) out.push(`${check.name}: ${JSON.stringify(rows)}`);
    }
    return out;
  });
}

/** The number of invariants checked (quoted in the suites' summaries). */
export const INVARIANT_COUNT = CHECKS.length;
