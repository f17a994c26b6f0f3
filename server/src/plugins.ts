import type { ServerPlugin } from './server.js';
import { tickLoopPlugin } from './game/tick-loop.js';
import { gatewayPlugin } from './realtime/gateway.js';
import { retentionPlugin } from './retention/plugin.js';
import { backupPlugin } from './db/backup/plugin.js';

/** The long-running parts started by `starhold serve` after the HTTP server listens. */
export function defaultPlugins(): ServerPlugin[] {
  return [tickLoopPlugin(), gatewayPlugin(), retentionPlugin(), backupPlugin()];
}
