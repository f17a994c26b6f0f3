import type { KeyValueStore } from '../../src/renderer/net/tokens.js';

/** An in-memory `KeyValueStore` (what localStorage is to the renderer), for tests. */
export class MapKv implements KeyValueStore {
  /** The stored entries, readable by tests. */
  readonly m = new Map<string, string>();
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}
