import type { EntityManager } from '@mikro-orm/postgresql';
import type { GameSettings } from '../core/settings.js';
import type { StreamBatch } from '../modules/stream/stream.js';

export interface DueEvent {
  id: number;
  dueAt: Date;
  kind: string;
  playerId: number | null;
  planetId: number | null;
  payload: Record<string, unknown>;
}

/**
 * What an event handler gets: an EntityManager of its own inside its own savepoint of the tick's
 * batch transaction (a throw rolls back this event only; its entities are dropped), the event
 * (apply it as of `event.dueAt`), the game settings, and the batch's stream (published once the
 * batch commits). Locks it takes are held until the batch commits.
 */
export interface EventContext {
  em: EntityManager;
  event: DueEvent;
  settings: GameSettings;
  stream: StreamBatch;
}

export type EventHandler = (ctx: EventContext) => Promise<void>;

/** The scheduled-event handlers one domain module exports (`modules/<domain>/handlers.ts`), by kind. */
export type EventHandlerMap = Readonly<Record<string, EventHandler>>;

export class EventHandlerRegistry {
  private readonly handlers = new Map<string, EventHandler>();
  register(kind: string, handler: EventHandler): this {
    if (this.handlers.has(kind)) throw new Error(`event handler "${kind}" registered twice`);
    this.handlers.set(kind, handler);
    return this;
  }
  /** Registers every handler of a domain module's map. */
  registerAll(map: EventHandlerMap): this {
    for (const [kind, handler] of Object.entries(map)) this.register(kind, handler);
    return this;
  }
  get(kind: string): EventHandler | undefined {
    return this.handlers.get(kind);
  }
  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
