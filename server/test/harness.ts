import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, systemClock } from '../src/clock.js';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startServer, type RunningServer, type ServerPlugin } from '../src/server.js';
import { createTestDatabase } from './support/database.js';
import { seededRandomInt } from './support/rng.js';
import type { RandomInt } from '../src/modules/planets/placement.js';

export interface TestServer extends RunningServer {
  clock: ManualClock;
  config: Config;
  dbUrl: string;
  api: Api;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

export interface StartTestServerOptions {
  env?: Record<string, string>;
  clockStart?: number;
  seed?: number;
  plugins?: (clock: ManualClock) => ServerPlugin[];
  /** Reuse an existing database (e.g. to restart a server on the same data). */
  dbUrl?: string;
  /** Replaces the seeded RNG behind home-planet placement (e.g. a tiny range to force collisions). */
  rnd?: RandomInt;
  /**
   * Run the server on the system clock (black-box tests with a real tick loop). `t.clock` then
   * does not drive the server.
   */
  systemClock?: boolean;
}

/** Boots the real app on a real port against a fresh PostgreSQL database, with a manual clock. */
export async function startTestServer(opts: StartTestServerOptions = {}): Promise<TestServer> {
  const db = opts.dbUrl ? { url: opts.dbUrl, drop: async () => undefined } : await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'starhold-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    STARHOLD_DATA_DIR: dataDir,
    STARHOLD_JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    STARHOLD_BCRYPT_COST: '4',
    STARHOLD_TICK_MS: '0',
    STARHOLD_AUTH_RATE_LIMIT: '1000',
    // Tests read as fast as they can; the read budget has its own test (http/read-limit.test.ts).
    STARHOLD_READ_RATE_LIMIT: '100000',
    STARHOLD_READ_BURST: '100000',
    LOG_LEVEL: process.env.STARHOLD_TEST_LOG ?? 'silent',
    ...opts.env,
  });
  const clock = new ManualClock(opts.clockStart ?? Date.UTC(2026, 0, 1, 12, 0, 0));
  const server = await startServer({
    config,
    clock: opts.systemClock ? systemClock : clock,
    logger: createLogger(config.logLevel),
    rnd: opts.rnd ?? seededRandomInt(opts.seed ?? 42),
    plugins: opts.plugins?.(clock) ?? [],
  });
  return {
    ...server,
    clock,
    config,
    dbUrl: db.url,
    api: new Api(server.url),
    async stop() {
      await server.close();
      if (!opts.dbUrl) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are asserted field by field
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny JSON client over real HTTP. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['Content-Type'] ??= 'application/json';
    if (token) h.Authorization = `Bearer ${token}`;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get(path: string, token?: string) {
    return this.request('GET', path, undefined, token);
  }
  post(path: string, body?: unknown, token?: string, headers?: Record<string, string>) {
    return this.request('POST', path, body, token, headers);
  }
  delete(path: string, token?: string, headers?: Record<string, string>) {
    return this.request('DELETE', path, undefined, token, headers);
  }

  /** Registers a player and returns its session. */
  async register(
    username: string,
    password = 'correct-horse-battery',
  ): Promise<{ token: string; refreshToken: string; playerId: number; planetId: number }> {
    const r = await this.post('/api/v1/auth/register', { username, password });
    if (r.status !== 201) throw new Error(`register ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    const me = await this.get('/api/v1/me', r.body.accessToken);
    return { token: r.body.accessToken, refreshToken: r.body.refreshToken, playerId: r.body.player.id, planetId: me.body.planets[0].id };
  }
}
