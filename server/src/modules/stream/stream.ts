import type { EntityManager } from '@mikro-orm/postgresql';
import { noteLock } from '../../db/lock-order.js';

export interface StreamEvent {
  playerId: number;
  seq: number;
  type: string;
  data: unknown;
  at: string;
}

/**
 * Collects the stream events written inside one transaction; after commit they are published
 * to live connections (the table is the source of truth, publishing is only the fast path).
 */
export class StreamBatch {
  readonly events: StreamEvent[] = [];

  /**
   * Appends an event to a player's stream in the current transaction, in one statement: takes the
   * next number of that player's counter (locking it until commit) and inserts the event under it.
   */
  async append(em: EntityManager, playerId: number, type: string, data: unknown, at: Date): Promise<StreamEvent> {
    noteLock('player', playerId); // the counter update locks the player row (lock order: db/locks.ts)
    const rows = await em.execute<{ seq: string | number }[]>(
      `with counter as (update player set event_seq = event_seq + 1 where id = ? returning event_seq)
       insert into player_event (player_id, seq, type, data, created_at) select ?, event_seq, ?, ?::jsonb, ? from counter
       returning seq`,
      [playerId, playerId, type, JSON.stringify(data ?? null), at],
    );
    const row = rows[0];
    if (!row) throw new Error(`stream append: player ${playerId} does not exist`);
    const seq = Number(row.seq);
    const ev = { playerId, seq, type, data, at: at.toISOString() };
    this.events.push(ev);
    return ev;
  }
}

export type StreamListener = (events: readonly StreamEvent[]) => void;

/** In-process fan-out of committed stream events (the realtime gateway subscribes). */
export class StreamBus {
  private readonly listeners = new Set<StreamListener>();
  subscribe(l: StreamListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  publish(events: readonly StreamEvent[]): void {
    if (events.length === 0) return;
    for (const l of this.listeners) l(events);
  }
}
