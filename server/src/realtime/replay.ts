import type { StreamEventMessage } from '@starhold/common';
import type { Services } from '../services.js';

interface EventRow {
  seq: string | number;
  type: string;
  data: unknown;
  created_at: Date | string;
}

/** A stored row as its wire message: rows were written by `StreamBatch.append`, which only takes a type with its payload. */
function toMessage(r: EventRow): StreamEventMessage {
  return { seq: Number(r.seq), type: r.type, data: r.data, at: new Date(r.created_at).toISOString() } as StreamEventMessage;
}

/** Stream events of a player with seq > afterSeq, in order, at most `limit`. */
export async function readEvents(s: Services, playerId: number, afterSeq: number, limit: number): Promise<StreamEventMessage[]> {
  const rows = await s.orm.em
    .fork()
    .execute<EventRow[]>('select seq, type, data, created_at from player_event where player_id = ? and seq > ? order by seq limit ?', [
      playerId,
      afterSeq,
      limit,
    ]);
  return rows.map(toMessage);
}

/** The newest seq of the player's stream and the last applied command seq of a client. */
export async function connectState(s: Services, playerId: number, clientId: string): Promise<{ head: number; clientCursor: number }> {
  const rows = await s.orm.em.fork().execute<{ head: string | number; cursor: string | number | null }[]>(
    `select p.event_seq as head, (select c.last_seq from client_cursor c where c.player_id = p.id and c.client_id = ?) as cursor
     from player p where p.id = ?`,
    [clientId, playerId],
  );
  const r = rows[0];
  return { head: Number(r?.head ?? 0), clientCursor: Number(r?.cursor ?? 0) };
}

export interface Retention {
  hours: number;
  events: number;
}

export function retentionOf(s: Services): Retention {
  return { hours: s.config.streamRetentionHours, events: s.config.streamRetentionEvents };
}

/**
 * Whether a client that has applied up to `lastSeq` must get a snapshot instead of a replay:
 * it has no state, claims a seq the server never wrote, or the first event it missed is outside
 * the retention window (more than `events` behind, older than `hours`, or already pruned).
 */
export async function needsSnapshot(s: Services, playerId: number, lastSeq: number | undefined, now: Date): Promise<boolean> {
  if (lastSeq === undefined) return true;
  const rows = await s.orm.em.fork().execute<{ head: string | number; created_at: Date | string | null }[]>(
    `select p.event_seq as head, (select e.created_at from player_event e where e.player_id = p.id and e.seq = ?) as created_at
     from player p where p.id = ?`,
    [lastSeq + 1, playerId],
  );
  const head = Number(rows[0]?.head ?? 0);
  if (lastSeq > head) return true;
  if (lastSeq === head) return false;
  const { hours, events } = retentionOf(s);
  if (head - lastSeq > events) return true;
  const firstMissed = rows[0]?.created_at;
  if (firstMissed === null || firstMissed === undefined) return true;
  return new Date(firstMissed).getTime() < now.getTime() - hours * 3_600_000;
}
