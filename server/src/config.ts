import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { durationSetting } from './util/duration.js';

const positiveNumber = z.coerce.number().positive();

/** What pages loaded from files (the Electron shell) send as their Origin, depending on the engine. */
const FILE_ORIGINS = new Set(['null', 'file://']);

/**
 * `https://a.example, http://nas.local:3000`: exact origins (scheme://host[:port]) allowed
 * cross-origin; `null` / `file://` opt in pages loaded from files (docs/security.md).
 */
const originList = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const origins = v
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '');
    for (const o of origins) {
      if (FILE_ORIGINS.has(o)) continue;
      const u = URL.canParse(o) ? new URL(o) : undefined;
      const valid = u !== undefined && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o;
      if (!valid)
        ctx.addIssue({
          code: 'custom',
          message: `"${o}" is not an origin like https://game.example.org (scheme://host[:port], no path or trailing slash)`,
        });
    }
    return origins;
  });

/** Environment variables the server understands; see docs/operations.md. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  STARHOLD_DATA_DIR: z.string().optional(),
  STARHOLD_JWT_SECRET: z.string().min(32).optional(),
  STARHOLD_ECONOMY_SPEED: positiveNumber.default(1),
  STARHOLD_RESEARCH_SPEED: positiveNumber.default(1),
  STARHOLD_FLEET_SPEED: positiveNumber.default(1),
  STARHOLD_TICK_MS: z.coerce.number().int().min(0).default(1000),
  STARHOLD_ACCESS_TOKEN_TTL_S: z.coerce.number().int().positive().default(900),
  STARHOLD_REFRESH_TOKEN_TTL_S: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
  STARHOLD_WHEEL_COOLDOWN_S: z.coerce.number().int().min(0).default(300),
  STARHOLD_WHEEL_BUFF_S: z.coerce.number().int().positive().default(300),
  STARHOLD_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  STARHOLD_PRESENCE_BATCH_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  STARHOLD_STREAM_RETENTION_HOURS: positiveNumber.default(24),
  STARHOLD_STREAM_RETENTION_EVENTS: z.coerce.number().int().positive().default(10_000),
  STARHOLD_STREAM_PRUNE_MS: z.coerce.number().int().min(0).default(600_000),
  STARHOLD_COMMAND_LOG_RETENTION_HOURS: positiveNumber.default(7 * 24),
  STARHOLD_COMMAND_LOG_KEEP_PER_CLIENT: z.coerce.number().int().min(0).default(100),
  STARHOLD_APPLIED_EVENT_RETENTION_HOURS: positiveNumber.default(7 * 24),
  STARHOLD_IDEMPOTENCY_KEY_RETENTION_HOURS: positiveNumber.default(24),
  STARHOLD_TICK_LOG_RETENTION_HOURS: positiveNumber.default(7 * 24),
  STARHOLD_RETENTION_PRUNE_MS: z.coerce.number().int().min(0).default(600_000),
  STARHOLD_AUTH_SWEEP_MS: z.coerce.number().int().min(0).default(5_000),
  STARHOLD_RTT_PROBE_MS: z.coerce.number().int().min(0).default(10_000),
  STARHOLD_AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  STARHOLD_COMMAND_RATE_LIMIT: z.coerce.number().int().positive().default(50),
  STARHOLD_READ_RATE_LIMIT: positiveNumber.default(20),
  STARHOLD_READ_BURST: z.coerce.number().int().positive().default(120),
  STARHOLD_COMMANDS_PER_PLAYER: z.coerce.number().int().positive().default(1),
  STARHOLD_BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
  STARHOLD_CORS_ORIGINS: originList,
  // Empty (as compose passes an unset variable) means not set.
  STARHOLD_METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'STARHOLD_METRICS_TOKEN must be at least 16 characters').optional(),
  ),
  STARHOLD_DB_MAX_RESTARTS: z.coerce.number().int().min(0).default(5),
  STARHOLD_BACKUP_EVERY: durationSetting,
  STARHOLD_BACKUP_KEEP: z.coerce.number().int().positive().default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  economySpeed: number;
  researchSpeed: number;
  fleetSpeed: number;
  tickMs: number;
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
  wheelCooldownS: number;
  wheelBuffS: number;
  presenceGraceMs: number;
  /** Presence changes within this window go out as one `presence` message (0 = each at once). */
  presenceBatchMs: number;
  /** Stream events older than this are pruned; a client that missed older ones gets a snapshot. */
  streamRetentionHours: number;
  /** At most this many newest events are kept per player. */
  streamRetentionEvents: number;
  /** How often the stream is pruned (0 = never). */
  streamPruneMs: number;
  /** command_log rows older than this are pruned, except each client's newest `commandLogKeepPerClient` seqs. */
  commandLogRetentionHours: number;
  commandLogKeepPerClient: number;
  /** applied_event rows (the tick's record of applied events) older than this are pruned. */
  appliedEventRetentionHours: number;
  /** Idempotency-Key outcomes older than this are pruned; the key may then be used again. */
  /** tick_log rows (one per tick) older than this are pruned. */
  tickLogRetentionHours: number;
  idempotencyKeyRetentionHours: number;
  /** How often command_log, applied_event and idempotency_key are pruned (0 = never). */
  retentionPruneMs: number;
  /** How often live sockets are checked for expired tokens and bans (0 = never). Presence grace is checked every min(1 s, grace). */
  authSweepMs: number;
  /** How often the server measures each socket's round-trip time (0 = never). */
  rttProbeMs: number;
  authRateLimit: number;
  /** Commands per second per player. */
  commandRateLimit: number;
  /** Authenticated GETs per second per player (token bucket refill rate). */
  readRateLimit: number;
  /** How many authenticated GETs a player may send at once (token bucket size). */
  readBurst: number;
  /** Commands of one player that run at once in this process; the others wait their turn (commands/player-gate.ts). */
  commandsPerPlayer: number;
  bcryptCost: number;
  /** Origins other than the server's own that browsers may call the API and the socket from (default none). */
  corsOrigins: string[];
  /** When set, GET /metrics requires `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /** Embedded PostgreSQL only: restarts in a row that may fail before the server gives up (exit 1). */
  dbMaxRestarts: number;
  /** Scheduled backups into `<dataDir>/backups` every this many ms (0 = off). */
  backupEveryMs: number;
  /** Scheduled backups kept (the newest ones). */
  backupKeep: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'starhold');
}

/** Reads the JWT secret from the data folder, creating it on first start. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = e.STARHOLD_DATA_DIR ?? defaultDataDir();
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    jwtSecret: e.STARHOLD_JWT_SECRET ?? persistentSecret(dataDir),
    economySpeed: e.STARHOLD_ECONOMY_SPEED,
    researchSpeed: e.STARHOLD_RESEARCH_SPEED,
    fleetSpeed: e.STARHOLD_FLEET_SPEED,
    tickMs: e.STARHOLD_TICK_MS,
    accessTokenTtlS: e.STARHOLD_ACCESS_TOKEN_TTL_S,
    refreshTokenTtlS: e.STARHOLD_REFRESH_TOKEN_TTL_S,
    wheelCooldownS: e.STARHOLD_WHEEL_COOLDOWN_S,
    wheelBuffS: e.STARHOLD_WHEEL_BUFF_S,
    presenceGraceMs: e.STARHOLD_PRESENCE_GRACE_MS,
    presenceBatchMs: e.STARHOLD_PRESENCE_BATCH_MS,
    streamRetentionHours: e.STARHOLD_STREAM_RETENTION_HOURS,
    streamRetentionEvents: e.STARHOLD_STREAM_RETENTION_EVENTS,
    streamPruneMs: e.STARHOLD_STREAM_PRUNE_MS,
    commandLogRetentionHours: e.STARHOLD_COMMAND_LOG_RETENTION_HOURS,
    commandLogKeepPerClient: e.STARHOLD_COMMAND_LOG_KEEP_PER_CLIENT,
    appliedEventRetentionHours: e.STARHOLD_APPLIED_EVENT_RETENTION_HOURS,
    idempotencyKeyRetentionHours: e.STARHOLD_IDEMPOTENCY_KEY_RETENTION_HOURS,
    tickLogRetentionHours: e.STARHOLD_TICK_LOG_RETENTION_HOURS,
    retentionPruneMs: e.STARHOLD_RETENTION_PRUNE_MS,
    authSweepMs: e.STARHOLD_AUTH_SWEEP_MS,
    rttProbeMs: e.STARHOLD_RTT_PROBE_MS,
    authRateLimit: e.STARHOLD_AUTH_RATE_LIMIT,
    commandRateLimit: e.STARHOLD_COMMAND_RATE_LIMIT,
    readRateLimit: e.STARHOLD_READ_RATE_LIMIT,
    readBurst: e.STARHOLD_READ_BURST,
    commandsPerPlayer: e.STARHOLD_COMMANDS_PER_PLAYER,
    bcryptCost: e.STARHOLD_BCRYPT_COST,
    corsOrigins: e.STARHOLD_CORS_ORIGINS,
    metricsToken: e.STARHOLD_METRICS_TOKEN,
    dbMaxRestarts: e.STARHOLD_DB_MAX_RESTARTS,
    backupEveryMs: e.STARHOLD_BACKUP_EVERY,
    backupKeep: e.STARHOLD_BACKUP_KEEP,
    logLevel: e.LOG_LEVEL,
  };
}
