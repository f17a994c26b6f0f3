import pg from 'pg';
import type { Services } from '../services.js';
import { StreamBatch } from '../modules/stream/stream.js';
import type { DueEvent } from './event-registry.js';
import { isTransientDbError } from '../db/transient.js';

/** A handler that fails this many times parks its event (failed_at) so later events go on. */
export const MAX_EVENT_ATTEMPTS = 5;

/** Advisory lock key held by the node that runs the tick loop ("SHTK"). */
export const TICK_LOCK_KEY = 0x5348544b;

export interface TickRow {
  tick: number;
  node: string;
  startedAt: string;
  durationMs: number;
  eventsApplied: number;
  maxLagMs: number;
}

export interface TickOptions {
  /** Stop claiming events after this long in one tick (the next tick goes on). */
  budgetMs?: number;
  /** Apply at most this many events in one tick. */
  maxEvents?: number;
}

interface EventRow { id: string; due_at: Date; kind: string; player_id: number | null; planet_id: number | null; payload: Record<string, unknown> }

/**
 * Applies due events in (due_at, id) order, each in its own transaction that also deletes the
 * row, records it in applied_event and counts it in this tick's tick_log row, so an event is
 * applied and accounted for exactly once even if the process dies mid-tick. Only the holder of
 * the advisory lock (see TickLeader) should call this.
 */
export async function runTick(s: Services, opts: TickOptions = {}): Promise<TickRow> {
  const started = s.clock.now();
  const t0 = performance.now();
  const budget = opts.budgetMs ?? 5_000;
  const maxEvents = opts.maxEvents ?? Number.MAX_SAFE_INTEGER;
  let applied = 0;
  let maxLag = 0;
  const tickNo = await reserveTickNumber(s);
  const failedThisTick: number[] = [];
  while (applied < maxEvents && performance.now() - t0 < budget) {
    const now = s.clock.now();
    const stream = new StreamBatch();
    const em = s.orm.em.fork();
    let claimed: number | undefined;
    const run = em.transactional(async (tx) => {
      const rows = await tx.execute<EventRow[]>(
        `select id, due_at, kind, player_id, planet_id, payload from scheduled_event
         where due_at <= ? and failed_at is null and id <> all(?::bigint[])
         order by due_at, id limit 1 for update skip locked`,
        [now, `{${failedThisTick.join(',')}}`],
      );
      const row = rows[0];
      if (!row) return null;
      claimed = Number(row.id);
      const event: DueEvent = {
        id: Number(row.id), dueAt: new Date(row.due_at), kind: row.kind, playerId: row.player_id, planetId: row.planet_id, payload: row.payload,
      };
      const handler = s.events.get(event.kind);
      if (handler) await handler({ em: tx, event, services: s, stream });
      else s.logger.error({ kind: event.kind, id: event.id }, 'no handler for scheduled event; dropping it');
      // Remove the row, record the event and count it in this tick's log row, all in the event's
      // transaction (one round trip): the log accounts for every applied event even when the
      // process dies before the tick ends.
      await tx.execute(
        `with done as (delete from scheduled_event where id = ?),
              applied as (insert into applied_event (id, due_at, kind, applied_at, tick) values (?, ?, ?, ?, ?))
         insert into tick_log (tick, node, started_at, duration_ms, events_applied, max_lag_ms) values (?, ?, ?, ?, 1, ?)
         on conflict (tick) do update set events_applied = tick_log.events_applied + 1,
           duration_ms = excluded.duration_ms, max_lag_ms = greatest(tick_log.max_lag_ms, excluded.max_lag_ms)`,
        [
          event.id,
          event.id, event.dueAt, event.kind, now, tickNo,
          tickNo, s.nodeId, started, performance.now() - t0, now.getTime() - event.dueAt.getTime(),
        ],
      );
      return event;
    });
    let done: DueEvent | null;
    try {
      done = await run;
    } catch (e) {
      // The database going away is not the event's fault: stop this tick, the next one retries.
      if (claimed === undefined || isTransientDbError(e)) throw e;
      await recordFailure(s, claimed, e, now);
      failedThisTick.push(claimed); // retried next tick; later events go on meanwhile
      continue;
    }
    if (!done) break;
    applied++;
    maxLag = Math.max(maxLag, now.getTime() - done.dueAt.getTime());
    s.stream.publish(stream.events);
  }
  const durationMs = performance.now() - t0;
  await s.orm.em.fork().execute(
    `insert into tick_log (tick, node, started_at, duration_ms, events_applied, max_lag_ms) values (?, ?, ?, ?, ?, ?)
     on conflict (tick) do update set duration_ms = excluded.duration_ms, events_applied = excluded.events_applied, max_lag_ms = excluded.max_lag_ms`,
    [tickNo, s.nodeId, started, durationMs, applied, maxLag],
  );
  s.tickObserver?.(durationMs, applied, maxLag);
  return { tick: tickNo, node: s.nodeId, startedAt: started.toISOString(), durationMs, eventsApplied: applied, maxLagMs: maxLag };
}

/**
 * Counts a failed attempt of an event whose handler threw (its transaction was rolled back). After
 * MAX_EVENT_ATTEMPTS the event is parked with failed_at so it no longer blocks the queue; operators
 * see it in `starhold admin stats` and the logs.
 */
async function recordFailure(s: Services, id: number, e: unknown, now: Date): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  const rows = await s.orm.em.fork().execute<{ attempts: number; failed_at: Date | null; kind: string }[]>(
    `update scheduled_event set attempts = attempts + 1, last_error = ?,
       failed_at = case when attempts + 1 >= ? then ?::timestamptz else null end
     where id = ? returning attempts, failed_at, kind`,
    [message.slice(0, 2000), MAX_EVENT_ATTEMPTS, now, id],
  );
  const row = rows[0];
  s.logger.error({ err: e, eventId: id, kind: row?.kind, attempts: row?.attempts, parked: Boolean(row?.failed_at) },
    row?.failed_at ? 'scheduled event failed too often; parked it' : 'scheduled event failed; will retry');
}

async function reserveTickNumber(s: Services): Promise<number> {
  const rows = await s.orm.em.fork().execute<{ n: string }[]>(`select nextval(pg_get_serial_sequence('tick_log', 'tick')) as n`);
  return Number(rows[0]?.n);
}

/**
 * Leadership: a session-level advisory lock on a dedicated connection. If the leader dies its
 * connection closes, the lock is released, and another node's next attempt takes over.
 */
export class TickLeader {
  private client: pg.Client | undefined;
  private leader = false;
  constructor(private readonly dbUrl: string) {}

  get isLeader(): boolean {
    return this.leader;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.leader) return true;
    if (!this.client) {
      const c = new pg.Client({ connectionString: this.dbUrl });
      c.on('error', () => {
        this.leader = false;
        this.client = undefined;
      });
      await c.connect();
      this.client = c;
    }
    const r = await this.client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [TICK_LOCK_KEY]);
    this.leader = r.rows[0]?.ok === true;
    return this.leader;
  }

  async release(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.leader = false;
    if (c) await c.end().catch(() => undefined);
  }
}
