import type { Pool, PoolClient } from 'pg';

/**
 * Returns a checked-out connection to the pool when the database drops it.
 *
 * Kysely's controlled transactions (which MikroORM uses) release their connection only after a
 * successful COMMIT or ROLLBACK. When the server terminates the connection mid-transaction the
 * ROLLBACK fails, the client is never released, and `pg-pool` counts it as busy forever: after
 * `pool.max` such drops every request waits for a connection that never comes. Here each
 * checkout's `release` becomes idempotent and is called (with an error, so the pool discards the
 * client) as soon as the client's connection ends.
 */
export function guardPool(pool: Pool): void {
  const original = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const connect = async (): Promise<PoolClient> => {
    const client = (await original()) as PoolClient;
    const release = client.release.bind(client);
    let released = false;
    const releaseOnce = (err?: Error | boolean): void => {
      if (released) return;
      released = true;
      client.removeListener('end', onEnd);
      release(err);
    };
    const onEnd = (): void => releaseOnce(new Error('connection ended while checked out'));
    client.once('end', onEnd);
    client.release = releaseOnce;
    return client;
  };
  // Kysely calls `pool.connect()` without a callback; the callback form is passed through as is.
  const guarded = (...args: unknown[]): unknown => (args.length > 0 ? original(...args) : connect());
  pool.connect = guarded as Pool['connect'];
}
