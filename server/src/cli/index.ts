import type { Command } from 'commander';
import { registerBackupCommands } from './backup.js';
import { registerBanCommands } from './ban.js';
import { processIo, type CliIo } from './context.js';
import { registerEventCommands } from './events.js';
import { registerGrantCommand } from './grant.js';
import { registerPlayerCommands } from './players.js';
import { registerStatsCommand } from './stats.js';
import { registerTickCommands } from './tick.js';

/**
 * `starhold admin <noun> <verb>`: one file per noun registers its verbs here. Commands talk to
 * the database directly; `io` is the process by default and a capture in tests (see run.ts).
 */
export function registerAdminCommands(admin: Command, io: CliIo = processIo): void {
  registerTickCommands(admin, io);
  registerPlayerCommands(admin, io);
  registerGrantCommand(admin, io);
  registerBanCommands(admin, io);
  registerStatsCommand(admin, io);
  registerEventCommands(admin, io);
  registerBackupCommands(admin, io);
}
