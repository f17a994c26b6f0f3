import { Command, CommanderError } from 'commander';
import type { Clock } from '../clock.js';
import { ConfigError } from '../config.js';
import type { CliIo } from './context.js';
import { registerAdminCommands } from './index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How main.ts reports a failed command; the same text and exit code here. */
export function describeFailure(e: unknown): string {
  if (e instanceof ConfigError) return e.message;
  if (e instanceof Error) return `error: ${e.message}`;
  return `error: ${String(e)}`;
}

/**
 * Runs `starhold <argv…>` (e.g. `['admin', 'stats', '--json']`) in this process with the given
 * environment, capturing output and the exit code instead of exiting. Used by the tests; the
 * real binary (main.ts) registers the very same admin commands.
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, opts: { clock?: Clock } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env,
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    ...(opts.clock ? { clock: opts.clock } : {}),
  };
  // exitOverride/configureOutput are inherited by subcommands created afterwards.
  const program = new Command('starhold').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerAdminCommands(program.command('admin').description('administer players and the universe (talks to the database directly)'), io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, stdout, stderr };
    io.err(`${describeFailure(e)}\n`);
    return { code: 1, stdout, stderr };
  }
}
