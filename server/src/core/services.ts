import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Orm } from '../db/orm.js';
import type { Logger } from '../logger.js';
import type { CommandRegistry } from '../commands/registry.js';
import type { EventHandlerRegistry } from '../game/event-registry.js';
import type { StreamBus } from '../modules/stream/stream.js';
import type { GameSettings } from './settings.js';

/** Optional observer of command outcomes (Prometheus when the metrics plugin is on). */
export interface CommandMetrics {
  commandFinished(type: string, status: string, ms: number): void;
}

/** A per-key budget (`Limiter` in http/rate-limit.ts): `hit` throws 429 RATE_LIMITED when spent. */
export interface RateBudget {
  hit(key: string): Promise<void>;
}

/**
 * What the server core (command pipeline, tick, scheduling) needs from the process: the database,
 * clock, settings, the handler registries and the stream. The composition root's `Services`
 * (services.ts) extends it with what HTTP, sockets and the CLI need besides.
 */
export interface CoreServices {
  config: Config;
  orm: Orm;
  clock: Clock;
  logger: Logger;
  settings: GameSettings;
  commandLimits: RateBudget;
  commands: CommandRegistry;
  events: EventHandlerRegistry;
  stream: StreamBus;
  metrics?: CommandMetrics;
  tickObserver?: (durationMs: number, events: number, maxLagMs: number) => void;
  nodeId: string;
  dbUrl: string;
}
