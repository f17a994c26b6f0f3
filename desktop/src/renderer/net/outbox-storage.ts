import type { OutboxSnapshot, OutboxStorage } from '../../shared/outbox-types.js';
import type { StarholdDesktopApi } from '../../shared/desktop-api.js';
import { IndexedDbOutboxStorage } from './indexeddb-outbox.js';
import { MemoryOutboxStorage } from './memory-outbox.js';

/** The Electron shell's file store, reached through the preload API. */
export class DesktopOutboxStorage implements OutboxStorage {
  readonly kind = 'file';
  constructor(private readonly api: StarholdDesktopApi) {}
  load(scope: string): Promise<OutboxSnapshot | null> {
    return this.api.outbox.load(scope);
  }
  save(scope: string, snapshot: OutboxSnapshot): Promise<void> {
    return this.api.outbox.save(scope, snapshot);
  }
}

/** Same code in both shells: the file store under Electron, IndexedDB in a browser. */
export function createOutboxStorage(desktop: StarholdDesktopApi | null): OutboxStorage {
  if (desktop) return new DesktopOutboxStorage(desktop);
  if (typeof indexedDB !== 'undefined') return new IndexedDbOutboxStorage(indexedDB);
  return new MemoryOutboxStorage();
}
