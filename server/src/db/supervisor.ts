// Keeps the embedded PostgreSQL running while the server runs. When postgres exits without being
// asked to (kill -9, the out-of-memory killer, a crash) it is started again on the same data
// folder and port, so the URL the ORM pool and the tick leader use stays valid: their next
// connection attempt after the restart simply succeeds. Meanwhile requests answer 503 with
// Retry-After (db/transient.ts) and /api/v1/health says 503. What was committed survives:
// PostgreSQL replays its write-ahead log on start (crash recovery), and a commit is only
// acknowledged once its WAL record is flushed (synchronous_commit stays on).
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres, type EmbeddedDb } from './embedded.js';

export interface SupervisorOptions {
  dataDir: string;
  logger: Logger;
  /** Restarts in a row that may fail (or die again before `stableMs`) before giving up. */
  maxRestarts: number;
  /** Called once when supervision gives up; the server should exit non-zero. */
  onGiveUp: (err: Error) => void;
  /** Wait before the first restart; doubled for each further one, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A cluster that ran this long before it died starts a fresh count of restarts. */
  stableMs?: number;
}

type State = 'running' | 'restarting' | 'failed' | 'stopped';

const DEFAULTS = { firstDelayMs: 500, maxDelayMs: 30_000, stableMs: 60_000 };

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Starts the embedded PostgreSQL and restarts it whenever it dies (see the file comment). */
export async function superviseEmbeddedPostgres(opts: SupervisorOptions): Promise<EmbeddedDb> {
  const { logger, maxRestarts } = opts;
  const { firstDelayMs, maxDelayMs, stableMs } = { ...DEFAULTS, ...opts };
  const log = (msg: string): void => logger.debug({ pg: msg }, 'postgres');

  let state: State = 'running';
  let restarts = 0;
  let attempts = 0; // restarts in a row without a stable run
  let upSince = Date.now();
  let recovery: Promise<void> | undefined;
  const stopping = new AbortController();

  /** Starts the cluster; its exit is reported only while it is the current one. */
  const launch = async (port?: number): Promise<EmbeddedDb> => {
    const self: { db?: EmbeddedDb; exited?: boolean } = {};
    self.db = await startEmbeddedPostgres({
      dataDir: opts.dataDir,
      log,
      ...(port === undefined ? {} : { port }),
      onUnexpectedExit: (code, signal) => {
        self.exited = true;
        if (self.db !== undefined && current === self.db) died(code, signal);
      },
    });
    if (self.exited) throw new Error('postgres exited right after it started');
    return self.db;
  };

  let current: EmbeddedDb | undefined;
  current = await launch();
  const { url, port, dataDir } = current;

  const recover = async (): Promise<void> => {
    let last: unknown;
    for (;;) {
      attempts++;
      if (attempts > maxRestarts) {
        state = 'failed';
        const err = new Error(
          `embedded PostgreSQL in ${dataDir} could not be kept running: ` +
            `${maxRestarts === 0 ? 'restarts are off (STARHOLD_DB_MAX_RESTARTS=0)' : `${maxRestarts} restart(s) in a row failed`} ` +
            `(last error: ${reason(last ?? 'postgres exited')}); giving up so that an outer supervisor can restart Starhold`,
          { cause: last },
        );
        logger.error({ err }, 'embedded PostgreSQL: giving up');
        opts.onGiveUp(err);
        return;
      }
      const wait = Math.min(firstDelayMs * 2 ** (attempts - 1), maxDelayMs);
      logger.warn({ attempt: attempts, of: maxRestarts, inMs: wait }, 'embedded PostgreSQL: restarting');
      try {
        await delay(wait, undefined, { signal: stopping.signal });
      } catch {
        return; // the server is stopping
      }
      const t0 = Date.now();
      try {
        const db = await launch(port);
        if (stopping.signal.aborted) {
          await db.stop();
          return;
        }
        current = db;
        upSince = Date.now();
        restarts++;
        state = 'running';
        logger.warn({ attempt: attempts, restarts, startMs: Date.now() - t0 }, 'embedded PostgreSQL restarted; the database is reachable again');
        return;
      } catch (e) {
        last = e;
        logger.error({ err: e, attempt: attempts, of: maxRestarts }, 'embedded PostgreSQL: restart failed');
      }
    }
  };

  function died(code: number | null, signal: NodeJS.Signals | null): void {
    if (stopping.signal.aborted || state !== 'running') return;
    current = undefined;
    state = 'restarting';
    const ranMs = Date.now() - upSince;
    if (ranMs >= stableMs) attempts = 0;
    logger.error({ code, signal, ranMs }, 'embedded PostgreSQL exited unexpectedly; the database is unreachable until it is restarted');
    recovery = recover().finally(() => {
      recovery = undefined;
    });
  }

  return {
    url,
    port,
    dataDir,
    async stop() {
      stopping.abort();
      await recovery;
      if (state !== 'failed') state = 'stopped';
      const db = current;
      current = undefined;
      await db?.stop();
    },
  };
}
