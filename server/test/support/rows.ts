// Row counts straight from PostgreSQL, to prove a rejected request wrote nothing.
import type { TestServer } from '../harness.js';

/** Tables a request to the auth or planet routes could write to. */
export const WRITABLE_TABLES = ['player', 'planet', 'refresh_token', 'queue_item', 'scheduled_event', 'command_log', 'player_event'] as const;
export type WritableTable = (typeof WRITABLE_TABLES)[number];
export type RowCounts = Record<WritableTable, number>;

export async function countRows(t: TestServer, table: WritableTable): Promise<number> {
  const rows = await t.services.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return rows[0]?.n ?? -1;
}

export async function rowCounts(t: TestServer): Promise<RowCounts> {
  const entries = await Promise.all(WRITABLE_TABLES.map(async (table) => [table, await countRows(t, table)] as const));
  return Object.fromEntries(entries) as RowCounts;
}
