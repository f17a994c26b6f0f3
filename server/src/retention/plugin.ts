import type { ServerPlugin } from '../server.js';
import type { Services } from '../services.js';
import { pruneRecords, type PrunedRecords } from './records.js';

export interface RetentionPlugin extends ServerPlugin {
  /** Prunes now (tests call it after advancing the clock); zeros when the plugin is not running. */
  prune(): Promise<PrunedRecords>;
}

const NOTHING: PrunedRecords = { commandLog: 0, appliedEvents: 0, idempotencyKeys: 0, tickLog: 0 };

/**
 * Every STARHOLD_RETENTION_PRUNE_MS, prunes command_log, applied_event, idempotency_key and tick_log
 * (retention/records.ts). Every node runs the timer; the prune lock lets one node at a time do
 * the work, and a node that finds it taken skips that round.
 */
export function retentionPlugin(): RetentionPlugin {
  let services: Services | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = new AbortController();

  const run = async (s: Services): Promise<PrunedRecords> => {
    const pruned = await pruneRecords(s, { signal: stopping.signal });
    if (pruned.commandLog + pruned.appliedEvents + pruned.idempotencyKeys + pruned.tickLog > 0) s.logger.info({ pruned }, 'pruned old records');
    return pruned;
  };

  return {
    name: 'retention',
    start(s: Services) {
      services = s;
      stopping = new AbortController();
      if (s.config.retentionPruneMs <= 0) return;
      timer = setInterval(() => {
        if (running) return;
        running = run(s)
          .catch((e: unknown) => s.logger.warn({ err: e }, 'record pruning failed; retrying next round'))
          .finally(() => {
            running = undefined;
          });
      }, s.config.retentionPruneMs);
      timer.unref();
    },
    async prune() {
      return services ? run(services) : NOTHING;
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopping.abort(); // a round in progress ends after its current batch
      await running;
      services = undefined;
    },
  };
}
