#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, loadConfig } from './config.js';
import { registerAdminCommands } from './cli/index.js';
import { runMigrate } from './cli/migrate.js';
import { serve } from './cli/serve.js';
import { versionLine } from './cli/version.js';

const program = new Command();
program
  .name('starhold')
  .description('Starhold game server: serve the game, run migrations, administer the universe')
  .version(versionLine(), '-V, --version', 'print the version and exit')
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('start the game server (HTTP API, realtime gateway, tick loop)')
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => runMigrate(loadConfig()));

registerAdminCommands(program.command('admin').description('administer players and the universe (talks to the database directly)'));

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(e.message);
  else if (e instanceof Error) console.error(`error: ${e.message}`);
  else console.error('error:', e);
  process.exit(1);
});
