// Helpers for tests of the tick: what it published, logged and left behind.
import type { StreamEvent } from '../../src/modules/stream/stream.js';
import type { TestServer } from '../harness.js';
import { sql } from './game-sql.js';
import { waitFor } from './wait-for.js';

/** Everything the tick publishes while `fn` runs. */
export async function published<T>(t: TestServer, fn: () => Promise<T>): Promise<{ result: T; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  const off = t.services.stream.subscribe((batch) => events.push(...batch));
  try {
    return { result: await fn(), events };
  } finally {
    off();
  }
}

/** A scheduled event's failure bookkeeping; undefined once it was applied (or dropped). */
export async function eventRow(t: TestServer, id: number) {
  const [row] = await sql<{ attempts: number; last_error: string | null; failed_at: string | null }>(
    t,
    'select attempts, last_error, failed_at from scheduled_event where id = ?',
    [id],
  );
  return row;
}

/** How many events applied_event records for `tick`. */
export const appliedIn = async (t: TestServer, tick: number) =>
  Number((await sql<{ n: string }>(t, 'select count(*) as n from applied_event where tick = ?', [tick]))[0]?.n);
/** The events_applied of `tick`'s tick_log row. */
export const loggedIn = async (t: TestServer, tick: number) =>
  (await sql<{ events_applied: number }>(t, 'select events_applied from tick_log where tick = ?', [tick]))[0]?.events_applied;

/** Waits until `n` sessions of this database wait for a lock. */
export async function untilWaiting(t: TestServer, n: number): Promise<void> {
  const waiting = async () =>
    Number(
      (await sql<{ n: string }>(t, `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))[0]
        ?.n,
    );
  await waitFor(waiting, { what: `${n} sessions waiting for a lock`, until: (w) => w >= n });
}
