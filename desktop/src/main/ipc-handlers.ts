import { SCOPE_PATTERN, isOutboxSnapshot, type OutboxSnapshot, type OutboxStorage } from '../shared/outbox-types.js';
import type { DesktopNotification } from '../shared/desktop-api.js';

/** Largest snapshot accepted over IPC (a runaway renderer must not fill the disk). */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;

export class IpcInputError extends Error {}

function scopeOf(x: unknown): string {
  if (typeof x !== 'string' || !SCOPE_PATTERN.test(x)) throw new IpcInputError('invalid outbox scope');
  return x;
}

/** The IPC handlers behind the preload API, with input checks; main.ts binds them to ipcMain. */
export function outboxHandlers(store: OutboxStorage) {
  return {
    load(scope: unknown): Promise<OutboxSnapshot | null> {
      return store.load(scopeOf(scope));
    },
    async save(scope: unknown, snapshot: unknown): Promise<void> {
      const s = scopeOf(scope);
      if (!isOutboxSnapshot(snapshot)) throw new IpcInputError('invalid outbox snapshot');
      if (JSON.stringify(snapshot).length > MAX_SNAPSHOT_BYTES) throw new IpcInputError('outbox snapshot too large');
      await store.save(s, snapshot);
    },
  };
}

/** A notification from the renderer, trimmed to sane lengths; null when malformed. */
export function sanitizeNotification(x: unknown): DesktopNotification | null {
  if (typeof x !== 'object' || x === null) return null;
  const { title, body } = x as Record<string, unknown>;
  if (typeof title !== 'string' || typeof body !== 'string') return null;
  return { title: title.slice(0, 120), body: body.slice(0, 500) };
}
