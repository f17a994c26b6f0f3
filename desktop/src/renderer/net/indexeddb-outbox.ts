import { isOutboxSnapshot, type OutboxSnapshot, type OutboxStorage } from '../../shared/outbox-types.js';

const DB_NAME = 'starhold';
const STORE = 'outbox';

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * The browser outbox: one record per scope in one object store. A save is a single `put` in a
 * readwrite transaction that resolves on `complete` (durability 'strict'), so after a crash or a
 * reload either the old or the new snapshot is there. A record that does not look like a snapshot
 * is kept under `<scope>.corrupt-<ts>` and the scope starts empty, like the file store.
 */
export class IndexedDbOutboxStorage implements OutboxStorage {
  readonly kind = 'IndexedDB';
  private db: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory,
    private readonly now: () => number = Date.now,
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = this.factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('cannot open IndexedDB'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    return this.db;
  }

  private async tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
    const db = await this.open();
    const t = db.transaction(STORE, mode, { durability: 'strict' });
    const req = run(t.objectStore(STORE));
    const done = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
    const result = req ? await promised(req) : undefined;
    await done;
    return result;
  }

  async load(scope: string): Promise<OutboxSnapshot | null> {
    const raw = await this.tx<unknown>('readonly', (s) => s.get(scope));
    if (raw === undefined) return null;
    if (isOutboxSnapshot(raw)) return raw;
    await this.tx('readwrite', (s) => {
      s.put(raw, `${scope}.corrupt-${this.now()}`);
      s.delete(scope);
    });
    return null;
  }

  async save(scope: string, snapshot: OutboxSnapshot): Promise<void> {
    await this.tx('readwrite', (s) => s.put(snapshot, scope));
  }
}
