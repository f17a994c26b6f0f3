import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer } from '../server.js';
import { defaultPlugins } from '../plugins.js';

/** `starhold serve`: runs until SIGINT/SIGTERM, then stops everything (including embedded PostgreSQL). */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const server = await startServer({ config, logger, plugins: defaultPlugins() });
  console.error(`Starhold is running at ${server.url}  (health: ${server.url}/api/v1/health)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
