import type { EntityManager } from '@mikro-orm/postgresql';

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

  /** Appends an event to a player's stream in the current transaction; locks that player's counter. */
  async append(em: EntityManager, playerId: number, type: string, data: unknown, at: Date): Promise<StreamEvent> {
    const rows = await em.execute<{ event_seq: string | number }[]>(
      'update player set event_seq = event_seq + 1 where id = ? returning event_seq',
      [playerId],
    );
    const seq = Number(rows[0]?.event_seq);
    await em.execute('insert into player_event (player_id, seq, type, data, created_at) values (?, ?, ?, ?::jsonb, ?)', [
      playerId, seq, type, JSON.stringify(data ?? null), at,
    ]);
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
