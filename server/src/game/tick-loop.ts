import type { Plugin } from '../core/plugin.js';
import type { CoreServices } from '../core/services.js';
import { isTransientDbError } from '../db/transient.js';
import { TickLeader, runTick } from './tick.js';

/** The server's heartbeat: every STARHOLD_TICK_MS, if this node holds the tick lock, apply due events. */
export function tickLoopPlugin(): Plugin<CoreServices> {
  let timer: NodeJS.Timeout | undefined;
  let leader: TickLeader | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  return {
    name: 'tick',
    start(s: CoreServices) {
      if (s.config.tickMs <= 0) return;
      leader = new TickLeader(s.dbUrl);
      // While the database is unreachable (e.g. an embedded PostgreSQL being restarted) every beat
      // fails the same way: say so once, and once more when the loop leads and ticks again.
      let unreachableSince: number | undefined;
      const beat = async () => {
        try {
          if (await leader!.tryAcquire()) await runTick(s, { budgetMs: Math.max(250, s.config.tickMs * 5) });
          if (unreachableSince !== undefined) {
            s.logger.warn({ leader: leader!.isLeader, afterMs: Date.now() - unreachableSince }, 'tick loop: database reachable again');
            unreachableSince = undefined;
          }
        } catch (e) {
          const transient = isTransientDbError(e);
          if (!transient) s.logger.warn({ err: e }, 'tick failed; retrying next beat');
          else if (unreachableSince === undefined) s.logger.warn({ err: e }, 'tick loop: database unreachable; retrying every beat');
          if (transient) unreachableSince ??= Date.now();
          await leader?.release();
        }
      };
      const loop = () => {
        if (stopped) return;
        running = beat().finally(() => {
          running = undefined;
          if (!stopped) timer = setTimeout(loop, s.config.tickMs);
        });
      };
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await leader?.release();
    },
  };
}
