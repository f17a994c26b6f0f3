import type { Services } from '../services.js';
import { inLockedBatch } from '../db/locked-batch.js';
import { retentionOf } from './replay.js';

/** Advisory lock key so only one node prunes at a time ("SHPR"). */
const PRUNE_LOCK_KEY = 0x53485052;
const BATCH = 5_000;

/**
 * Deletes stream events outside the retention window: older than the configured hours, or more
 * than the configured count behind the player's newest seq. Batched to keep locks short.
 * Returns the number of deleted rows (0 if another node is pruning).
 */
export async function pruneStream(s: Services, now: Date = s.clock.now()): Promise<number> {
  const { hours, events } = retentionOf(s);
  const cutoff = new Date(now.getTime() - hours * 3_600_000);
  let total = 0;
  for (;;) {
    const deleted = await inLockedBatch(s, PRUNE_LOCK_KEY, undefined, async (tx) => {
      const rows = await tx.execute<{ n: string | number }[]>(
        `with doomed as (
           select e.player_id, e.seq from player_event e join player p on p.id = e.player_id
           where e.created_at < ? or e.seq <= p.event_seq - ?
           limit ?
         ), gone as (
           delete from player_event e using doomed d where e.player_id = d.player_id and e.seq = d.seq returning 1
         )
         select count(*) as n from gone`,
        [cutoff, events, BATCH],
      );
      return Number(rows[0]?.n ?? 0);
    });
    if (deleted === null) return total;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
