import type { UniverseSettings } from '@starhold/common';
import type { CoreServices } from './core/services.js';
import type { Accounts } from './modules/auth/accounts.js';
import type { AccessTokens } from './modules/auth/tokens.js';
import type { AuthLimits, Limiter, TokenBucket } from './http/rate-limit.js';
import type { DeviceTokens } from './modules/auth/device-token.js';

export type { CommandMetrics } from './core/services.js';

/**
 * The container of the composition root: everything the HTTP app, the socket gateway, the tick and
 * the CLI share, built once per process by `createServices` (create-services.ts). Type only: it
 * imports no handler. Handlers never see it; they get a narrow context (commands/registry.ts,
 * game/event-registry.ts).
 */
export interface Services extends CoreServices {
  universe: UniverseSettings;
  tokens: AccessTokens;
  accounts: Accounts;
  devices: DeviceTokens;
  authLimits: AuthLimits;
  commandLimits: Limiter;
  /** GETs of authenticated routes, per player (STARHOLD_READ_RATE_LIMIT per second, STARHOLD_READ_BURST saved up). */
  readLimits: TokenBucket;
}
