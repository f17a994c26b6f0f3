import { DEFAULT_UNIVERSE, type UniverseSettings } from '@starhold/common';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Orm } from './db/orm.js';
import type { Logger } from './logger.js';
import { Accounts } from './modules/auth/accounts.js';
import { AccessTokens } from './modules/auth/tokens.js';
import { AuthLimits, Limiter, TokenBucket } from './http/rate-limit.js';
import { DeviceTokens } from './modules/auth/device-token.js';
import { StreamBus } from './modules/stream/stream.js';
import { CommandRegistry } from './commands/registry.js';
import { registerCommandHandlers } from './commands/handlers.js';
import { EventHandlerRegistry } from './game/event-registry.js';
import { registerEventHandlers } from './game/handlers.js';
import type { RandomInt } from './modules/planets/placement.js';

/** Everything the HTTP app, the socket gateway, the tick and the CLI share. Built once per process. */
export interface Services {
  config: Config;
  orm: Orm;
  clock: Clock;
  logger: Logger;
  universe: UniverseSettings;
  tokens: AccessTokens;
  accounts: Accounts;
  devices: DeviceTokens;
  authLimits: AuthLimits;
  commandLimits: Limiter;
  /** GETs of authenticated routes, per player (STARHOLD_READ_RATE_LIMIT per second, STARHOLD_READ_BURST saved up). */
  readLimits: TokenBucket;
  commands: CommandRegistry;
  events: EventHandlerRegistry;
  stream: StreamBus;
  metrics?: CommandMetrics;
  tickObserver?: (durationMs: number, events: number, maxLagMs: number) => void;
  nodeId: string;
  dbUrl: string;
}

/** Optional observer of command outcomes (Prometheus when the metrics plugin is on). */
export interface CommandMetrics {
  commandFinished(type: string, status: string, ms: number): void;
}

export function universeFromConfig(config: Config): UniverseSettings {
  return { ...DEFAULT_UNIVERSE, economySpeed: config.economySpeed, researchSpeed: config.researchSpeed, fleetSpeed: config.fleetSpeed };
}

export function createServices(opts: { config: Config; orm: Orm; dbUrl: string; clock: Clock; logger: Logger; rnd?: RandomInt; nodeId?: string }): Services {
  const { config, orm, clock, logger } = opts;
  const universe = universeFromConfig(config);
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlS, clock);
  const devices = new DeviceTokens(config.jwtSecret, clock);
  const accounts = new Accounts({
    clock, tokens, universe, bcryptCost: config.bcryptCost, refreshTtlS: config.refreshTokenTtlS, devices, ...(opts.rnd ? { rnd: opts.rnd } : {}),
  });
  return {
    config, orm, clock, logger, universe, tokens, accounts, devices,
    authLimits: new AuthLimits(config.authRateLimit),
    readLimits: new TokenBucket(config.readRateLimit, config.readBurst),
    commandLimits: new Limiter(config.commandRateLimit, 1, 'commands'),
    commands: registerCommandHandlers(new CommandRegistry()),
    events: registerEventHandlers(new EventHandlerRegistry()),
    stream: new StreamBus(),
    nodeId: opts.nodeId ?? `node-${process.pid}`,
    dbUrl: opts.dbUrl,
  };
}
