import type { EntityManager } from '@mikro-orm/postgresql';
import type { StreamBatch, StreamEventInput } from '../stream/stream.js';

/** A stream event for one player: a type with its payload. */
export type Notice = StreamEventInput & { playerId: number };

/**
 * Appends stream events for several players in ascending player id order (stable within a
 * player). Appending locks the player's row, and a transaction that notifies two players (a
 * dispatch, a battle) must take those locks in one global order, or two of them could deadlock.
 */
export async function appendInOrder(stream: StreamBatch, em: EntityManager, notices: Notice[], at: Date): Promise<void> {
  const sorted = notices.map((n, i) => ({ n, i })).sort((a, b) => a.n.playerId - b.n.playerId || a.i - b.i);
  for (const { n } of sorted) await stream.append(em, n.playerId, n.type, n.data, at);
}
