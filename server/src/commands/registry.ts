import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandPayload, CommandType } from '@starhold/common';
import type { Services } from '../services.js';
import type { StreamBatch } from '../modules/stream/stream.js';

/** What a handler gets: a transactional EntityManager, the acting player and one instant `now`. */
export interface CommandContext {
  em: EntityManager;
  playerId: number;
  now: Date;
  services: Services;
  stream: StreamBatch;
}

export type CommandHandler<T extends CommandType = CommandType> = (ctx: CommandContext, payload: CommandPayload<T>) => Promise<unknown>;

/** Named command handlers; registering a name twice is a programming error. */
export class CommandRegistry {
  private readonly handlers = new Map<CommandType, CommandHandler>();

  register<T extends CommandType>(type: T, handler: CommandHandler<T>): this {
    if (this.handlers.has(type)) throw new Error(`command handler "${type}" registered twice`);
    this.handlers.set(type, handler as unknown as CommandHandler);
    return this;
  }

  get(type: CommandType): CommandHandler | undefined {
    return this.handlers.get(type);
  }

  types(): CommandType[] {
    return [...this.handlers.keys()];
  }
}
