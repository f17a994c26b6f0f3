import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SCOPE_PATTERN, isOutboxSnapshot, type OutboxSnapshot, type OutboxStorage } from '../shared/outbox-types.js';

export interface FileOutboxStoreOptions {
  /** Folder of the snapshots, e.g. `<userData>/outbox`. */
  dir: string;
  /** Called when a corrupt file was moved aside (for a log line). */
  onCorrupt?: (file: string, movedTo: string, reason: string) => void;
  /** Clock for the `.corrupt-<ts>` suffix (tests pass a fixed one). */
  now?: () => number;
}

/**
 * The desktop outbox on disk: one JSON file per scope. Writes are atomic (temp file in the same
 * folder, fsync, rename over the old file, fsync the folder), so a crash leaves either the old or
 * the new snapshot, never half of one. A file that cannot be read back (torn by a disk error,
 * edited by hand) is moved aside as `<name>.corrupt-<ts>` and the scope starts empty.
 */
export class FileOutboxStore implements OutboxStorage {
  readonly kind = 'file';
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: FileOutboxStoreOptions) {}

  fileOf(scope: string): string {
    if (!SCOPE_PATTERN.test(scope)) throw new RangeError(`invalid outbox scope "${scope}"`);
    return join(this.opts.dir, `${scope}.json`);
  }

  async load(scope: string): Promise<OutboxSnapshot | null> {
    const file = this.fileOf(scope);
    return this.serial(scope, () => this.read(file));
  }

  async save(scope: string, snapshot: OutboxSnapshot): Promise<void> {
    if (!isOutboxSnapshot(snapshot)) throw new TypeError('not an outbox snapshot');
    const file = this.fileOf(scope);
    const text = JSON.stringify(snapshot);
    return this.serial(scope, () => this.writeAtomic(file, text));
  }

  /** Operations on one scope run one after another, in call order. */
  private serial<T>(scope: string, op: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(scope) ?? Promise.resolve();
    const next = prev.then(op, op);
    this.chains.set(
      scope,
      next.catch(() => undefined),
    );
    return next;
  }

  private async read(file: string): Promise<OutboxSnapshot | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let parsed: unknown;
    let reason = 'not an outbox snapshot';
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      reason = `invalid JSON: ${(e as Error).message}`;
    }
    if (isOutboxSnapshot(parsed)) return parsed;
    const movedTo = `${file}.corrupt-${(this.opts.now ?? Date.now)()}`;
    await rename(file, movedTo);
    this.opts.onCorrupt?.(file, movedTo, reason);
    return null;
  }

  private async writeAtomic(file: string, text: string): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await syncDir(this.opts.dir);
  }

  /** Removes temp files a crash left behind (they never replaced a snapshot, so they are garbage). */
  async removeStaleTemps(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.opts.dir);
    } catch {
      return 0;
    }
    const stale = names.filter((n) => /\.json\.tmp-\d+-[0-9a-f]+$/.test(n));
    await Promise.all(stale.map((n) => unlink(join(this.opts.dir, n)).catch(() => undefined)));
    return stale.length;
  }
}

/** fsync of the folder makes the rename itself durable; not supported on Windows, where it is skipped. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
