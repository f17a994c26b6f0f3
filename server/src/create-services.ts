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
import type { RandomInt } from './modules/planets/placement.js';
import { commandRegistry, eventRegistry } from './handlers.js';
import type { Services } from './services.js';

export function universeFromConfig(config: Config): UniverseSettings {
  return { ...DEFAULT_UNIVERSE, economySpeed: config.economySpeed, researchSpeed: config.researchSpeed, fleetSpeed: config.fleetSpeed };
}

/** Builds the process's one container (composition root): settings, accounts, limits, registries, stream. */
export function createServices(opts: {
  config: Config;
  orm: Orm;
  dbUrl: string;
  clock: Clock;
  logger: Logger;
  rnd?: RandomInt;
  nodeId?: string;
}): Services {
  const { config, orm, clock, logger } = opts;
  const universe = universeFromConfig(config);
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlS, clock);
  const devices = new DeviceTokens(config.jwtSecret, clock);
  const accounts = new Accounts({
    clock,
    tokens,
    universe,
    bcryptCost: config.bcryptCost,
    refreshTtlS: config.refreshTokenTtlS,
    devices,
    ...(opts.rnd ? { rnd: opts.rnd } : {}),
  });
  return {
    config,
    orm,
    clock,
    logger,
    universe,
    tokens,
    accounts,
    devices,
    settings: { universe, wheelCooldownS: config.wheelCooldownS, wheelBuffS: config.wheelBuffS },
    authLimits: new AuthLimits(config.authRateLimit),
    readLimits: new TokenBucket(config.readRateLimit, config.readBurst),
    commandLimits: new Limiter(config.commandRateLimit, 1, 'commands'),
    commands: commandRegistry(),
    events: eventRegistry(),
    stream: new StreamBus(),
    nodeId: opts.nodeId ?? `node-${process.pid}`,
    dbUrl: opts.dbUrl,
  };
}
