// A byte-exact snapshot of everything one player owns, for "another player's request changed
// nothing": every table of the schema, found in the catalog (so tables added later are included),
// restricted to the player's rows where the table has a `player_id` column (or is `player`), and
// whole otherwise (shared tables such as debris fields, reports and the event queue's history).
import { quoteIdent, withPgClient } from '../../../src/db/pg-client.js';

export type Snapshot = Record<string, string>;

export async function snapshotOf(dbUrl: string, playerId: number): Promise<Snapshot> {
  return withPgClient({ connectionString: dbUrl }, async (c) => {
    const cols = (
      await c.query<{ table_name: string; column_name: string }>(
        `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')`,
      )
    ).rows;
    const tables = new Map<string, Set<string>>();
    for (const r of cols) tables.set(r.table_name, (tables.get(r.table_name) ?? new Set()).add(r.column_name));
    const out: Snapshot = {};
    for (const [table, columns] of [...tables].sort(([x], [y]) => x.localeCompare(y))) {
      const where = table === 'player' ? 'where id = $1' : columns.has('player_id') ? 'where player_id = $1' : '';
      const rows = await c.query<{ rows: string }>(
        `select coalesce(json_agg(t order by t::text), '[]')::text as rows from (select * from ${quoteIdent(table)} ${where}) t`,
        where ? [playerId] : [],
      );
      out[table] = rows.rows[0]?.rows ?? '[]';
    }
    return out;
  });
}

/** Tables whose content differs between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}
