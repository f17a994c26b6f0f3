import type { OutboxSnapshot, OutboxStorage } from '../../shared/outbox-types.js';

/** Keeps snapshots in memory (tests, and a last resort when no durable store is available). */
export class MemoryOutboxStorage implements OutboxStorage {
  readonly kind = 'memory';
  private readonly data = new Map<string, string>();
  async load(scope: string): Promise<OutboxSnapshot | null> {
    const raw = this.data.get(scope);
    return raw === undefined ? null : (JSON.parse(raw) as OutboxSnapshot);
  }
  async save(scope: string, snapshot: OutboxSnapshot): Promise<void> {
    this.data.set(scope, JSON.stringify(snapshot));
  }
}
