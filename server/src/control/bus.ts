/**
 * Control messages between server processes (an admin CLI and every server node): small, rare,
 * best-effort signals that make something happen at once which a periodic sweep would also do
 * later (the sweep stays as the fallback). Today PostgreSQL LISTEN/NOTIFY carries them
 * (pg-bus.ts); a NATS subject can replace it behind this interface once nodes share one.
 */
export type ControlMessage = { type: 'player.banned'; playerId: number };

export const CONTROL_CHANNEL = 'starhold_control';

export interface ControlBus {
  /** Calls `onMessage` for every message; `onResync` after (re)connecting, when messages may have been missed. */
  subscribe(onMessage: (m: ControlMessage) => void, onResync: () => void): () => void;
  /** Starts listening. Never throws and never waits for an unreachable database: it retries in the background. */
  start(): void;
  /** Stops listening and reconnecting (bounded). */
  stop(): Promise<void>;
}

/** Parses a payload; undefined for anything not understood (a newer node's message, garbage). */
export function parseControlMessage(payload: string | undefined): ControlMessage | undefined {
  if (payload === undefined) return undefined;
  try {
    const m = JSON.parse(payload) as { type?: unknown; playerId?: unknown };
    if (m.type === 'player.banned' && Number.isSafeInteger(m.playerId)) return { type: 'player.banned', playerId: m.playerId as number };
  } catch {
    // not ours
  }
  return undefined;
}
