import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices as Services } from '../core/services.js';
import { StreamBatch, type StreamEvent } from '../modules/stream/stream.js';
import type { DueEvent } from './event-registry.js';
import type { AnyEventKind } from '../core/contracts.js';
import { isTransientDbError } from '../db/transient.js';
import { EVENT_LOCKS, withLockScope } from '../db/locks.js';

/** A handler that fails this many times parks its event (failed_at) so later events go on. */
export const MAX_EVENT_ATTEMPTS = 5;

/** A batch (one transaction) applies at most this many events… */
export const BATCH_MAX_EVENTS = 100;
/** …and takes no further event once it has run this long, so it never holds its locks for long. */
export const BATCH_MAX_MS = 100;
/**
 * After its first event a batch holds row locks (planets, players, event rows) in event order, not
 * in the lock order commands use; it waits at most this long for another lock, then commits what it
 * has and the next batch starts with the event that waited, without a bound (docs/decisions.md §19).
 */
export const BATCH_LOCK_WAIT_MS = 50;

/** What a batch needs to know about the tick it belongs to. */
export interface TickState {
  tick: number;
  node: string;
  startedAt: Date;
  /** performance.now() when the tick started. */
  t0: number;
  /** Events whose handler failed in this tick: not claimed again until the next tick. */
  failed: number[];
  /** The event a batch backed off from (lock wait): the next batch starts with it. */
  resume?: Claimed | undefined;
  /** May the tick start another event once `inBatch` events of the current batch are applied? */
  mayTakeMore(inBatch: number): boolean;
}

export interface BatchOutcome {
  applied: number;
  maxLagMs: number;
  /** The applied events' stream events, in order; publish them only once the batch committed. */
  events: StreamEvent[];
  /** Nothing (more) was due. */
  drained: boolean;
}

/** A `scheduled_event` row; `kind` and `payload` were checked together by `scheduleEvent`. */
interface EventRow {
  id: string;
  due_at: Date;
  kind: AnyEventKind;
  player_id: number | null;
  planet_id: number | null;
  payload: Record<string, unknown>;
}
/** A claimed (row-locked) event and the instant it was claimed at. */
export interface Claimed {
  event: DueEvent;
  now: Date;
}

const COLUMNS = 'id, due_at, kind, player_id, planet_id, payload';
const CLAIM = `select ${COLUMNS} from scheduled_event
  where due_at <= ? and failed_at is null and id <> all(?::bigint[])
  order by due_at, id limit 1 ${EVENT_LOCKS.claimNext}`;
const RECORD = `with done as (delete from scheduled_event where id = ?),
  applied as (insert into applied_event (id, due_at, kind, applied_at, tick) values (?, ?, ?, ?, ?))`;

/**
 * One transaction applying due events in (due_at, id) order, each in its own savepoint: a handler
 * that throws rolls back only its event, whose failure is counted (and the event parked after
 * MAX_EVENT_ATTEMPTS) in the same transaction; later events go on. Each applied event's row is
 * deleted and recorded in applied_event by the statement that also claims the next due event, so
 * an event a handler schedules that is already due is applied in its place in the order. The
 * batch's count goes into tick_log in the same transaction. A transient database error rolls back
 * the whole batch and is thrown: nothing of it was committed, counted or published.
 */
export async function runBatch(s: Services, tick: TickState): Promise<BatchOutcome> {
  const started = performance.now();
  return s.orm.em.fork().transactional(async (tx) => {
    const out: BatchOutcome = { applied: 0, maxLagMs: 0, events: [], drained: false };
    let attempted = 0;
    const roomFor = (inBatch: number) => attempted < BATCH_MAX_EVENTS && performance.now() - started < BATCH_MAX_MS && tick.mayTakeMore(inBatch);
    let wanted = true;
    let next = await firstClaim(s, tx, tick);
    while (next) {
      const current = next;
      next = undefined;
      attempted++;
      await tx.execute(savepointSql(attempted));
      const stream = new StreamBatch();
      try {
        wanted = roomFor(out.applied + 1);
        next = await applyEvent(s, tx, current, tick, stream, wanted);
      } catch (e) {
        if (isTransientDbError(e)) throw e; // the database went away: the next tick retries the whole batch
        await tx.execute('rollback to savepoint tick_event');
        if (attempted > 1 && isLockConflict(e)) {
          // Waited on a lock while holding earlier events' locks: commit those first (see BATCH_LOCK_WAIT_MS).
          tick.resume = current;
          wanted = false;
          break;
        }
        await recordFailure(s, tx, current, e);
        tick.failed.push(current.event.id); // retried next tick; later events go on meanwhile
        wanted = roomFor(out.applied);
        if (wanted) next = await claim(s, tx, tick.failed);
        continue;
      }
      out.applied++;
      out.maxLagMs = Math.max(out.maxLagMs, current.now.getTime() - current.event.dueAt.getTime());
      out.events.push(...stream.events);
    }
    out.drained = wanted;
    if (out.applied > 0) await logBatch(tx, tick, out);
    return out;
  });
}

/**
 * The savepoint of the `n`th event of a batch (one round trip with the release of the previous
 * one). From the second event on, lock waits are bounded (BATCH_LOCK_WAIT_MS).
 */
function savepointSql(n: number): string {
  if (n === 1) return 'savepoint tick_event';
  const bound = n === 2 ? `set local lock_timeout = '${BATCH_LOCK_WAIT_MS}ms'; ` : '';
  return `release savepoint tick_event; ${bound}savepoint tick_event`;
}

/**
 * The batch's first event: the one the previous batch backed off from, if it still exists (locked
 * again by id, waiting if need be: it was being applied, as a command that skipped its locked row
 * assumes), else the earliest due one.
 */
async function firstClaim(s: Services, tx: EntityManager, tick: TickState): Promise<Claimed | undefined> {
  const resume = tick.resume;
  tick.resume = undefined;
  if (resume) {
    const rows = await tx.execute<EventRow[]>(`select ${COLUMNS} from scheduled_event where id = ? and failed_at is null ${EVENT_LOCKS.resume}`, [
      resume.event.id,
    ]);
    if (rows[0]) return claimedOf(rows[0], resume.now);
  }
  return claim(s, tx, tick.failed);
}

async function claim(s: Services, tx: EntityManager, exclude: readonly number[]): Promise<Claimed | undefined> {
  const now = s.clock.now();
  const rows = await tx.execute<EventRow[]>(CLAIM, [now, `{${exclude.join(',')}}`]);
  return rows[0] && claimedOf(rows[0], now);
}

function claimedOf(row: EventRow, now: Date): Claimed {
  return {
    now,
    event: {
      id: Number(row.id),
      dueAt: new Date(row.due_at),
      kind: row.kind,
      playerId: row.player_id,
      planetId: row.planet_id,
      payload: row.payload,
    },
  };
}

/**
 * Runs the event's handler on an EntityManager of its own (a fresh fork in the batch's
 * transaction): entities a failing handler loaded or changed are dropped with its fork and can never
 * be flushed by a later event. Then removes and records the event and, when `claimNext`, claims the
 * next due one, in one statement.
 */
async function applyEvent(
  s: Services,
  tx: EntityManager,
  c: Claimed,
  tick: TickState,
  stream: StreamBatch,
  claimNext: boolean,
): Promise<Claimed | undefined> {
  const { event } = c;
  const em = tx.fork({ clear: true, keepTransactionContext: true });
  const handler = s.events.get(event.kind);
  // Each event is its own lock-order scope after its event row (later events' waits are bounded instead).
  if (handler) await withLockScope(() => handler({ em, event, settings: s.settings, stream }), 'event');
  else s.logger.error({ kind: event.kind, id: event.id }, 'no handler for scheduled event; dropping it');
  await em.flush();
  const recorded = [event.id, event.id, event.dueAt, event.kind, c.now, tick.tick];
  if (!claimNext) {
    await tx.execute(`${RECORD} select 1`, recorded);
    return undefined;
  }
  // The claim runs on the statement's snapshot: the row deleted above is still visible to it, hence
  // the exclusion of its id; rows the handler inserted are visible and take their place in the order.
  const now = s.clock.now();
  const rows = await tx.execute<EventRow[]>(`${RECORD} ${CLAIM}`, [...recorded, now, `{${[event.id, ...tick.failed].join(',')}}`]);
  return rows[0] && claimedOf(rows[0], now);
}

/** Adds the batch's events to this tick's tick_log row, in the batch's transaction. */
async function logBatch(tx: EntityManager, tick: TickState, out: BatchOutcome): Promise<void> {
  await tx.execute(
    `insert into tick_log (tick, node, started_at, duration_ms, events_applied, max_lag_ms) values (?, ?, ?, ?, ?, ?)
     on conflict (tick) do update set events_applied = tick_log.events_applied + excluded.events_applied,
       duration_ms = excluded.duration_ms, max_lag_ms = greatest(tick_log.max_lag_ms, excluded.max_lag_ms)`,
    [tick.tick, tick.node, tick.startedAt, performance.now() - tick.t0, out.applied, out.maxLagMs],
  );
}

/**
 * Counts a failed attempt of an event whose handler threw (its savepoint was rolled back), in the
 * batch's transaction (which holds the event's row lock). After MAX_EVENT_ATTEMPTS the event is
 * parked with failed_at so it no longer blocks the queue; operators see it in `starhold admin stats`
 * and the logs.
 */
async function recordFailure(s: Services, tx: EntityManager, c: Claimed, e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  const rows = await tx.execute<{ attempts: number; failed_at: Date | null; kind: string }[]>(
    `update scheduled_event set attempts = attempts + 1, last_error = ?,
       failed_at = case when attempts + 1 >= ? then ?::timestamptz else null end
     where id = ? returning attempts, failed_at, kind`,
    [message.slice(0, 2000), MAX_EVENT_ATTEMPTS, c.now, c.event.id],
  );
  const row = rows[0];
  s.logger.error(
    { err: e, eventId: c.event.id, kind: row?.kind, attempts: row?.attempts, parked: Boolean(row?.failed_at) },
    row?.failed_at ? 'scheduled event failed too often; parked it' : 'scheduled event failed; will retry',
  );
}

/** lock_not_available (the batch's lock_timeout) or deadlock_detected, possibly wrapped. */
function isLockConflict(e: unknown): boolean {
  for (let err = e, depth = 0; typeof err === 'object' && err !== null && depth < 5; depth++) {
    const { code, cause } = err as { code?: unknown; cause?: unknown };
    if (code === '55P03' || code === '40P01') return true;
    err = cause;
  }
  return false;
}
