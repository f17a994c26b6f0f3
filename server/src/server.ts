import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDb } from './db/embedded.js';
import { initOrm, migrate } from './db/orm.js';
import { removeServerFile, runningServerDatabase, writeServerFile } from './db/server-file.js';
import { superviseEmbeddedPostgres } from './db/supervisor.js';
import { createApp, type RouteModule } from './http/app.js';
import { installClientErrorAnswers } from './http/client-error.js';
import { createLogger, type Logger } from './logger.js';
import { settlesWithin } from './util/within.js';
import { createServices } from './create-services.js';
import type { Services } from './services.js';
import type { Plugin } from './core/plugin.js';
import type { RandomInt } from './modules/planets/placement.js';

export interface RunningServer {
  services: Services;
  http: HttpServer;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  rnd?: RandomInt;
  extraRoutes?: RouteModule[];
  /** Extra start/stop hooks (tick loop, socket gateway) run after the HTTP server listens. */
  plugins?: ServerPlugin[];
  /**
   * Called when the embedded PostgreSQL died and could not be restarted (db/supervisor.ts);
   * `starhold serve` stops and exits 1. Default: the error is logged and the server stays up (503).
   */
  onDatabaseLost?: (err: Error) => void;
}

/** A plugin of the server process: it gets the whole container. */
export type ServerPlugin = Plugin<Services>;

/**
 * Resolves the database: the configured DATABASE_URL, or an embedded PostgreSQL in the data folder,
 * restarted whenever it dies when `supervise` is given (the server; admin commands do not).
 */
export async function resolveDatabase(
  config: Config,
  logger: Logger,
  supervise?: { onGiveUp: (err: Error) => void },
): Promise<{ url: string; embedded?: EmbeddedDb }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const live = await runningServerDatabase(config.dataDir);
  if (live && live.server.pid !== process.pid) {
    throw new Error(
      `another Starhold server (pid ${live.server.pid}) is running on the data folder ${config.dataDir}; ` +
        'stop it first, or use a different STARHOLD_DATA_DIR',
    );
  }
  logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting embedded PostgreSQL');
  const embedded = supervise
    ? await superviseEmbeddedPostgres({ dataDir: config.dataDir, logger, maxRestarts: config.dbMaxRestarts, onGiveUp: supervise.onGiveUp })
    : await startEmbeddedPostgres({ dataDir: config.dataDir, log: (msg) => logger.debug({ pg: msg }, 'postgres') });
  logger.info({ port: embedded.port }, 'embedded PostgreSQL ready');
  return { url: embedded.url, embedded };
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const onDatabaseLost = opts.onDatabaseLost ?? ((err: Error) => logger.error({ err }, 'the database is gone for good; restart the server'));
  const db = await resolveDatabase(config, logger, { onGiveUp: (err) => onDatabaseLost(err) });
  // server.json tells admin commands that this process owns the embedded cluster (db/server-file.ts).
  const stopDb = async (): Promise<void> => {
    if (!db.embedded) return;
    await removeServerFile(db.embedded.dataDir);
    await db.embedded.stop();
  };
  let orm;
  try {
    if (db.embedded) await writeServerFile(db.embedded);
    orm = await initOrm({ url: db.url });
    const applied = await migrate(orm);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  } catch (e) {
    await orm?.close(true);
    await stopDb();
    throw e;
  }
  const services = createServices({ config, orm, dbUrl: db.url, clock: opts.clock ?? systemClock, logger, ...(opts.rnd ? { rnd: opts.rnd } : {}) });
  const app = createApp(services, opts.extraRoutes);
  const handle = app.callback();
  // Koa answers every failure itself (ctx.onerror), so the request's promise never rejects.
  const http = createServer((req, res) => void handle(req, res));
  http.keepAliveTimeout = 65_000;
  installClientErrorAnswers(http, logger);
  const openSockets = new Set<Socket>();
  http.on('connection', (socket: Socket) => {
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => resolve());
    });
  } catch (e) {
    await orm.close(true);
    await stopDb();
    throw e;
  }
  const port = (http.address() as AddressInfo).port;
  const plugins = opts.plugins ?? [];
  for (const p of plugins) await p.start(services, http);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url }, 'Starhold server listening');

  let closed = false;
  return {
    services,
    http,
    url,
    port,
    async close() {
      if (closed) return;
      closed = true;
      for (const p of [...plugins].reverse()) await p.stop();
      http.closeAllConnections();
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      // close() waits for every connection to end; one it does not track (an upgraded socket) or
      // one that went idle after closeAllConnections() would hold it for the keep-alive timeout.
      while (!(await settlesWithin(httpClosed, 2_000))) {
        logger.warn({ open: openSockets.size }, 'connections still open 2 s into shutdown; closing them');
        http.closeAllConnections();
        for (const socket of openSockets) socket.destroy();
      }
      // The pool ends once every connection is back; one held by work that never finishes must
      // not keep the process from stopping (embedded PostgreSQL's fast stop ends it anyway).
      if (!(await settlesWithin(orm.close(true), 10_000))) logger.warn('database connections still in use 10 s into shutdown; not waiting for them');
      await stopDb();
    },
  };
}
