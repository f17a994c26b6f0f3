import { AdvisoryLeader } from '../db/advisory-leader.js';
import type { CoreServices as Services } from '../core/services.js';
import { runBatch, type TickState } from './tick-batch.js';

export { MAX_EVENT_ATTEMPTS } from './tick-batch.js';

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

/**
 * Applies due events in (due_at, id) order, in batches: each batch is one transaction that applies
 * up to BATCH_MAX_EVENTS events, each in its own savepoint, deletes their rows, records them in
 * applied_event and adds them to this tick's tick_log row (see runBatch). So an event is applied
 * and accounted for exactly once even if the process dies mid-tick, and a failing handler only
 * loses its own event. Stream events are published after their batch committed. Only the holder of
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
  const state: TickState = {
    tick: tickNo,
    node: s.nodeId,
    startedAt: started,
    t0,
    failed: [],
    mayTakeMore: (inBatch) => applied + inBatch < maxEvents && performance.now() - t0 < budget,
  };
  while (state.mayTakeMore(0)) {
    const batch = await runBatch(s, state);
    applied += batch.applied;
    maxLag = Math.max(maxLag, batch.maxLagMs);
    s.stream.publish(batch.events);
    if (batch.drained) break;
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

async function reserveTickNumber(s: Services): Promise<number> {
  const rows = await s.orm.em.fork().execute<{ n: string }[]>(`select nextval(pg_get_serial_sequence('tick_log', 'tick')) as n`);
  return Number(rows[0]?.n);
}

/** Leadership of the tick loop: the tick lock on a dedicated connection (see AdvisoryLeader). */
export class TickLeader extends AdvisoryLeader {
  constructor(dbUrl: string) {
    super(dbUrl, TICK_LOCK_KEY);
  }
}
