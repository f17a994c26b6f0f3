import { hostname } from 'node:os';
import { pino } from 'pino';
import { systemClock, type Clock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { initOrm, migrate, type Orm } from '../db/orm.js';
import { runningServerDatabase } from '../db/server-file.js';
import type { Logger } from '../logger.js';
import { resolveDatabase } from '../server.js';
import { createServices } from '../create-services.js';
import type { Services } from '../services.js';

/** Where an admin command reads its environment (and time) and writes its output: the process, or a test. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  /** Default: the system clock. Tests share their server's ManualClock. */
  clock?: Clock;
}

export const processIo: CliIo = {
  env: process.env,
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
};

/** A failure to report to the operator: printed as `error: <message>` on stderr, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

interface CliDatabase {
  url: string;
  /** For error messages: which database this is. */
  what: string;
  close(): Promise<void>;
}

/**
 * Resolves the database like the server (DATABASE_URL, else the embedded PostgreSQL in
 * STARHOLD_DATA_DIR), except that a cluster owned by a live server is joined, never restarted.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<CliDatabase> {
  if (!config.databaseUrl) {
    const live = await runningServerDatabase(config.dataDir);
    if (live) {
      logger.info({ serverPid: live.server.pid, pgPort: live.server.pgPort }, 'using the embedded PostgreSQL of the running server');
      const what = `the embedded PostgreSQL of the running server (pid ${live.server.pid}, port ${live.server.pgPort})`;
      return { url: live.url, what, close: async () => undefined };
    }
  }
  const db = await resolveDatabase(config, logger);
  const what = db.embedded ? `the embedded PostgreSQL in ${db.embedded.dataDir}` : 'the database at DATABASE_URL';
  return {
    url: db.url,
    what,
    close: async () => {
      await db.embedded?.stop();
    },
  };
}

/** Logs go to stderr (stdout is for the command's output); quiet unless LOG_LEVEL is set. */
export function cliLogger(io: CliIo, config: Config): Logger {
  const level = io.env.LOG_LEVEL ? config.logLevel : 'warn';
  return pino({ name: 'starhold-admin', level, base: { pid: process.pid } }, { write: (line: string) => io.err(line) });
}

/**
 * Opens the database (migrating it if needed), builds the Services a server would have, runs
 * `fn`, and closes everything again, also when `fn` fails.
 */
export async function withServices<T>(io: CliIo, fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const logger = cliLogger(io, config);
  const db = await openDatabase(config, logger);
  let orm: Orm | undefined;
  try {
    try {
      orm = await initOrm({ url: db.url, poolMax: 2 });
      await migrate(orm);
    } catch (e) {
      throw new CliError(`cannot use ${db.what}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const services = createServices({
      config,
      orm,
      dbUrl: db.url,
      clock: io.clock ?? systemClock,
      logger,
      nodeId: `admin-${hostname()}-${process.pid}`,
    });
    return await fn(services);
  } finally {
    await orm?.close(true);
    await db.close();
  }
}
