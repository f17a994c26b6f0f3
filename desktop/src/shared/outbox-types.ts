/**
 * The durable outbox, as stored on disk (Electron) or in IndexedDB (browser). One snapshot per
 * scope (server address + player); each scope has its own clientId and seq counter, because the
 * server's cursor is per (player, clientId).
 */

/** A command as queued by the player: the envelope the server will see, plus when it was queued. */
export interface OutboxCommand {
  clientId: string;
  seq: number;
  type: string;
  payload: unknown;
  /** Client wall-clock time (ms) when the player queued it. */
  queuedAt: number;
}

export interface OutboxSnapshot {
  version: 1;
  clientId: string;
  /** The seq the next queued command gets. */
  nextSeq: number;
  /** Highest player-event seq applied; sent on (re)connect for replay. */
  lastEventSeq: number;
  /** Commands not yet answered by the server, in seq order. */
  commands: OutboxCommand[];
}

/** The one storage interface the renderer sees; file store (Electron) or IndexedDB (browser). */
export interface OutboxStorage {
  /** The snapshot of `scope`, or null when there is none (first start, or recovered from corruption). */
  load(scope: string): Promise<OutboxSnapshot | null>;
  /** Replaces the snapshot of `scope` atomically: after a crash, either the old or the new one is there. */
  save(scope: string, snapshot: OutboxSnapshot): Promise<void>;
  /** A human-readable name for the Connection panel ("file", "IndexedDB", "memory"). */
  readonly kind: string;
}

/** Scope names are used as file names on disk: keep them to a safe alphabet. */
export const SCOPE_PATTERN = /^[A-Za-z0-9._-]{1,120}$/;

/** Structural check of a snapshot read back from storage or received over IPC. */
export function isOutboxSnapshot(x: unknown): x is OutboxSnapshot {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  if (s.version !== 1 || typeof s.clientId !== 'string' || !Number.isSafeInteger(s.nextSeq) || !Number.isSafeInteger(s.lastEventSeq)) return false;
  if (!Array.isArray(s.commands)) return false;
  return s.commands.every((c: unknown) => {
    if (typeof c !== 'object' || c === null) return false;
    const k = c as Record<string, unknown>;
    return (
      typeof k.clientId === 'string' && Number.isSafeInteger(k.seq) && typeof k.type === 'string' && 'payload' in k && typeof k.queuedAt === 'number'
    );
  });
}
