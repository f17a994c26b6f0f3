import type { EntityManager } from '@mikro-orm/postgresql';
import type { Services } from '../services.js';
import { inLockedBatch } from '../db/locked-batch.js';

/** Advisory lock key so only one node prunes these tables at a time ("SHRR"). */
export const RECORDS_PRUNE_LOCK_KEY = 0x53485252;
/** Rows looked at (and at most deleted) per transaction: keeps every lock short. */
export const PRUNE_BATCH = 5_000;
const HOUR_MS = 3_600_000;

export interface PrunedRecords {
  commandLog: number;
  appliedEvents: number;
  idempotencyKeys: number;
  tickLog: number;
}

export interface PruneOptions {
  /** Default: the services' clock. */
  now?: Date;
  /** Rows per transaction (tests use tiny batches to cover the batching). */
  batch?: number;
  /** Checked between batches: a stopping server does not wait for a long backlog. */
  signal?: AbortSignal;
}

/** One batch under the records prune lock (see inLockedBatch). */
const underLock = <T>(s: Services, signal: AbortSignal | undefined, batch: (tx: EntityManager) => Promise<T>): Promise<T | null> =>
  inLockedBatch(s, RECORDS_PRUNE_LOCK_KEY, signal, batch);

/** Deletes rows older than `cutoff` from a table with an index on `column`, batch by batch. */
async function pruneByAge(
  s: Services,
  table: 'applied_event' | 'idempotency_key' | 'tick_log',
  column: string,
  cutoff: Date,
  batch: number,
  signal?: AbortSignal,
  /** Walk the old rows in this index's order instead (tick_log: its primary key grows with time, so old rows come first). */
  orderBy?: string,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await underLock(s, signal, async (tx) => {
      const rows = await tx.execute<{ n: number }[]>(
        `with gone as (
           delete from ${table} where ctid = any(array(select ctid from ${table} where ${column} < ?${orderBy ? ` order by ${orderBy}` : ''} limit ?)) returning 1
         )
         select count(*)::int as n from gone`,
        [cutoff, batch],
      );
      return Number(rows[0]?.n ?? 0);
    });
    if (deleted === null) return total;
    total += deleted;
    if (deleted < batch) return total;
  }
}

interface LogKey {
  created_at: Date;
  player_id: number;
  client_id: string;
  seq: string | number;
}

/**
 * command_log: deletes rows older than the retention, except each client's newest
 * `keepPerClient` seqs (those a client that was offline for long may still resend). The client
 * cursor is never touched, so a pruned seq still answers `duplicate` and is never applied again.
 *
 * Walks the old rows in (created_at, player, client, seq) order from where the last batch
 * stopped, so the old rows that are kept are looked at once per run, not once per batch.
 */
async function pruneCommandLog(s: Services, cutoff: Date, keepPerClient: number, batch: number, signal?: AbortSignal): Promise<number> {
  let after: LogKey = { created_at: new Date(0), player_id: 0, client_id: '', seq: 0 };
  let total = 0;
  for (;;) {
    const r = await underLock(s, signal, async (tx) => {
      const rows = await tx.execute<(Partial<LogKey> & { deleted: number; scanned: number })[]>(
        `with scan as (
           select player_id, client_id, seq, created_at from command_log
           where created_at < ? and created_at >= ? and (created_at, player_id, client_id, seq) > (?, ?, ?, ?)
           order by created_at, player_id, client_id, seq
           limit ?
         ), doomed as (
           select s.player_id, s.client_id, s.seq from scan s
           join client_cursor c on c.player_id = s.player_id and c.client_id = s.client_id
           where s.seq <= c.last_seq - ?
         ), gone as (
           delete from command_log l using doomed d
           where l.player_id = d.player_id and l.client_id = d.client_id and l.seq = d.seq
           returning 1
         ), last as (
           select created_at, player_id, client_id, seq from scan
           order by created_at desc, player_id desc, client_id desc, seq desc limit 1
         )
         select (select count(*)::int from gone) as deleted, (select count(*)::int from scan) as scanned, last.*
         from (select 1) one left join last on true`,
        [cutoff, after.created_at, after.created_at, after.player_id, after.client_id, after.seq, batch, keepPerClient],
      );
      return rows[0];
    });
    if (!r) return total;
    total += Number(r.deleted);
    if (Number(r.scanned) < batch || !r.created_at) return total;
    after = { created_at: new Date(r.created_at), player_id: Number(r.player_id), client_id: String(r.client_id), seq: Number(r.seq) };
  }
}

/**
 * Deletes what is kept only for a while (docs/operations.md, "Retention of logs and keys"): old command_log
 * outcomes, applied_event records, Idempotency-Key outcomes and tick_log rows. Each table goes in batches of
 * its own short transactions; when another node is pruning, this one stops and leaves it to it.
 */
export async function pruneRecords(s: Services, opts: PruneOptions = {}): Promise<PrunedRecords> {
  const now = (opts.now ?? s.clock.now()).getTime();
  const batch = opts.batch ?? PRUNE_BATCH;
  const c = s.config;
  const before = (hours: number): Date => new Date(now - hours * HOUR_MS);
  return {
    commandLog: await pruneCommandLog(s, before(c.commandLogRetentionHours), c.commandLogKeepPerClient, batch, opts.signal),
    appliedEvents: await pruneByAge(s, 'applied_event', 'applied_at', before(c.appliedEventRetentionHours), batch, opts.signal),
    idempotencyKeys: await pruneByAge(s, 'idempotency_key', 'created_at', before(c.idempotencyKeyRetentionHours), batch, opts.signal),
    tickLog: await pruneByAge(s, 'tick_log', 'started_at', before(c.tickLogRetentionHours), batch, opts.signal, 'tick'),
  };
}
