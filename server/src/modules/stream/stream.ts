import type { EntityManager } from '@mikro-orm/postgresql';
import { noteLock } from '../../db/lock-order.js';
import type { StreamEventData, StreamEventType } from '@starhold/common';
import { checkStreamEvent, type AnyStreamType, type StreamDataOf, type TestKind } from '../../core/contracts.js';

/** A stream event as written: its payload typed by its type (`test.*` types are the tests' own). */
export type StreamEvent =
  | {
      [T in StreamEventType]: { playerId: number; seq: number; type: T; data: StreamEventData<T>; at: string };
    }[StreamEventType]
  | { playerId: number; seq: number; type: TestKind; data: Record<string, unknown>; at: string };

/** A type with its payload, e.g. for notices to several players (`modules/fleets/notify.ts`). */
export type StreamEventInput = { [T in StreamEventType]: { type: T; data: StreamEventData<T> } }[StreamEventType];

/**
 * Collects the stream events written inside one transaction; after commit they are published
 * to live connections (the table is the source of truth, publishing is only the fast path).
 */
export class StreamBatch {
  readonly events: StreamEvent[] = [];

  /**
   * Appends an event to a player's stream in the current transaction, in one statement: takes the
   * next number of that player's counter (locking it until commit) and inserts the event under it.
   * Under test the payload is parsed against its contract first (a mismatch throws `ContractViolation`).
   */
  async append<T extends AnyStreamType>(em: EntityManager, playerId: number, type: T, data: StreamDataOf<T>, at: Date): Promise<StreamEvent> {
    noteLock('player', playerId); // the counter update locks the player row (lock order: db/locks.ts)
    checkStreamEvent(type, data);
    const rows = await em.execute<{ seq: string | number }[]>(
      `with counter as (update player set event_seq = event_seq + 1 where id = ? returning event_seq)
       insert into player_event (player_id, seq, type, data, created_at) select ?, event_seq, ?, ?::jsonb, ? from counter
       returning seq`,
      [playerId, playerId, type, JSON.stringify(data), at],
    );
    const row = rows[0];
    if (!row) throw new Error(`stream append: player ${playerId} does not exist`);
    const seq = Number(row.seq);
    // `type` and `data` were checked together by the signature; the union cannot see that.
    const ev = { playerId, seq, type, data, at: at.toISOString() } as StreamEvent;
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
