import type { EntityManager } from '@mikro-orm/postgresql';
import type { GameSettings } from '../core/settings.js';
import type { StreamBatch } from '../modules/stream/stream.js';
import type { AnyEventKind, EventPayloadOf } from '../core/contracts.js';

/** A due scheduled event; its payload is typed by its kind (`scheduledEventSchemas` in common). */
export interface DueEvent<K extends AnyEventKind = AnyEventKind> {
  id: number;
  dueAt: Date;
  kind: K;
  playerId: number | null;
  planetId: number | null;
  payload: EventPayloadOf<K>;
}

/**
 * What an event handler gets: an EntityManager of its own inside its own savepoint of the tick's
 * batch transaction (a throw rolls back this event only; its entities are dropped), the event
 * (apply it as of `event.dueAt`), the game settings, and the batch's stream (published once the
 * batch commits). Locks it takes are held until the batch commits.
 */
export interface EventContext<K extends AnyEventKind = AnyEventKind> {
  em: EntityManager;
  event: DueEvent<K>;
  settings: GameSettings;
  stream: StreamBatch;
}

export type EventHandler<K extends AnyEventKind = AnyEventKind> = (ctx: EventContext<K>) => Promise<void>;

/** The scheduled-event handlers one domain module exports (`modules/<domain>/handlers.ts`), by kind. */
export type EventHandlerMap = { readonly [K in AnyEventKind]?: EventHandler<K> };

export class EventHandlerRegistry {
  private readonly handlers = new Map<string, EventHandler>();
  /** Registers the handler of `kind`; the event's payload reaches it typed (it was checked when scheduled). */
  register<K extends AnyEventKind>(kind: K, handler: EventHandler<K>): this {
    if (this.handlers.has(kind)) throw new Error(`event handler "${kind}" registered twice`);
    // The tick looks handlers up by the row's kind, so the event it passes is one of kind K.
    this.handlers.set(kind, (ctx) => handler(ctx as EventContext<K>));
    return this;
  }
  /** Registers every handler of a domain module's map. */
  registerAll(map: EventHandlerMap): this {
    for (const kind of Object.keys(map) as AnyEventKind[]) {
      const handler = map[kind];
      if (handler) this.register(kind, handler as EventHandler);
    }
    return this;
  }
  get(kind: string): EventHandler | undefined {
    return this.handlers.get(kind);
  }
  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
