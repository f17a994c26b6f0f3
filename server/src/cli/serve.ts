import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from '../server.js';
import { defaultPlugins } from '../plugins.js';
import { settlesWithin } from '../util/within.js';

/** Exit code when the embedded PostgreSQL could not be restarted (an outer supervisor should act). */
export const EXIT_DATABASE_LOST = 1;

/** `starhold serve`: runs until SIGINT/SIGTERM, then stops everything (including embedded PostgreSQL). */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const started: { server?: RunningServer } = {};
  let stopping = false;
  const stop = (running: RunningServer, signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const databaseLost = (err: Error): void => {
    console.error(`fatal: ${err.message}`);
    if (stopping) return;
    // A bounded shutdown: the database is gone, so nothing must wait on it for long.
    const closing = started.server ? started.server.close() : Promise.resolve();
    stopping = true;
    void settlesWithin(
      closing.catch(() => undefined),
      15_000,
    ).finally(() => process.exit(EXIT_DATABASE_LOST));
  };
  const running = await startServer({ config, logger, plugins: defaultPlugins(), onDatabaseLost: databaseLost });
  started.server = running;
  console.error(`Starhold is running at ${running.url}  (health: ${running.url}/api/v1/health)`);
  process.on('SIGINT', () => stop(running, 'SIGINT'));
  process.on('SIGTERM', () => stop(running, 'SIGTERM'));
}
