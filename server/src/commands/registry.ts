import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandPayload, CommandResult, CommandType } from '@starhold/common';
import type { GameSettings } from '../core/settings.js';
import { checkCommandResult } from '../core/contracts.js';
import type { StreamBatch } from '../modules/stream/stream.js';

/**
 * What a command handler gets, and nothing more: a transactional EntityManager, the acting player,
 * one instant `now`, the game settings and the command's stream batch (published after commit).
 */
export interface CommandContext {
  em: EntityManager;
  playerId: number;
  now: Date;
  settings: GameSettings;
  stream: StreamBatch;
}

/** A command's handler: its payload and its result are typed by the command (`commandPayloadSchemas`, `commandResultSchemas`). */
export type CommandHandler<T extends CommandType = CommandType> = (ctx: CommandContext, payload: CommandPayload<T>) => Promise<CommandResult<T>>;

export interface HandlerOptions {
  /**
   * The handler throws every rule rejection before its first write (it reads and checks, then
   * writes what can no longer be refused), so a rejection has nothing to undo and the handler
   * runs without a savepoint (two round trips fewer). Default false: a savepoint wraps it.
   */
  rejectsBeforeWriting?: boolean;
}

/** A handler with its options, as a domain module lists it in its `commandHandlers` map. */
export interface HandlerEntry<T extends CommandType = CommandType> extends HandlerOptions {
  run: CommandHandler<T>;
}

/** The command handlers one domain module exports (`modules/<domain>/handlers.ts`). */
export type CommandHandlerMap = { readonly [T in CommandType]?: HandlerEntry<T> };

export interface RegisteredHandler {
  /** Runs the handler with a payload the pipeline parsed with the command's schema. */
  run: (ctx: CommandContext, payload: unknown) => Promise<unknown>;
  rejectsBeforeWriting: boolean;
}

/** Named command handlers; registering a name twice is a programming error. */
export class CommandRegistry {
  private readonly handlers = new Map<CommandType, RegisteredHandler>();

  register<T extends CommandType>(type: T, handler: CommandHandler<T>, opts: HandlerOptions = {}): this {
    if (this.handlers.has(type)) throw new Error(`command handler "${type}" registered twice`);
    const run = async (ctx: CommandContext, payload: unknown): Promise<unknown> => {
      const result = await handler(ctx, payload as CommandPayload<T>);
      checkCommandResult(type, result); // under test only (contracts.ts)
      return result;
    };
    this.handlers.set(type, { run, rejectsBeforeWriting: opts.rejectsBeforeWriting ?? false });
    return this;
  }

  /** Registers every handler of a domain module's map. */
  registerAll(map: CommandHandlerMap): this {
    for (const type of Object.keys(map) as CommandType[]) {
      const entry = map[type] as HandlerEntry | undefined;
      if (entry) this.register(type, entry.run, entry);
    }
    return this;
  }

  get(type: CommandType): RegisteredHandler | undefined {
    return this.handlers.get(type);
  }

  types(): CommandType[] {
    return [...this.handlers.keys()];
  }
}
