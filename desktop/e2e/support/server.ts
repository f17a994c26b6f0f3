// A real Starhold server for browser tests: system clock, the real tick loop and realtime
// gateway, serving the built web client. Restartable on the same database and port, which is
// how a test "takes the server away" and brings it back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../server/src/config.js';
import { createLogger } from '../../../server/src/logger.js';
import { defaultPlugins } from '../../../server/src/plugins.js';
import { startServer, type RunningServer } from '../../../server/src/server.js';
import { createTestDatabase, type TestDatabase } from '../../../server/test/support/database.js';

export const WEB_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'dist', 'renderer');

export interface E2eServer {
  url: string;
  port: number;
  dbUrl: string;
  running: RunningServer | null;
  /** Stops the server, keeps the database (the client sees the server go away). */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** Stops it and drops the database. */
  dispose(): Promise<void>;
}

export const E2E_ENV: Record<string, string> = {
  STARHOLD_TICK_MS: '200',
  // Fast enough that a metal mine level 1 builds in ~1 s.
  STARHOLD_ECONOMY_SPEED: '25',
  STARHOLD_PRESENCE_GRACE_MS: '1500',
  STARHOLD_WHEEL_COOLDOWN_S: '2',
  STARHOLD_WHEEL_BUFF_S: '60',
};

export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const db: TestDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'starhold-e2e-'));
  let port = 0;
  const boot = async (): Promise<RunningServer> => {
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      STARHOLD_DATA_DIR: dataDir,
      STARHOLD_JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
      STARHOLD_BCRYPT_COST: '4',
      STARHOLD_AUTH_RATE_LIMIT: '1000',
      LOG_LEVEL: process.env.STARHOLD_TEST_LOG ?? 'silent',
      ...E2E_ENV,
      ...env,
    });
    process.env.STARHOLD_WEB_DIR = WEB_DIR;
    return startServer({ config, logger: createLogger(config.logLevel), plugins: defaultPlugins() });
  };
  const first = await boot();
  port = first.port;
  const server: E2eServer = {
    url: first.url,
    port,
    dbUrl: db.url,
    running: first,
    async stop() {
      const r = server.running;
      server.running = null;
      await r?.close();
    },
    async restart() {
      if (server.running) return;
      server.running = await boot();
    },
    async dispose() {
      await server.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
