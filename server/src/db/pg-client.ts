// Minimal typed access to node-postgres (`pg`). `pg` ships no type declarations and
// @types/pg is not installed, so `import pg from 'pg'` fails type-checking (TS7016).
// We load the CommonJS build through createRequire and describe only what we use.
// If @types/pg is added later, this file can become `import pg from 'pg'`.
import { createRequire } from 'node:module';

export interface PgClientConfig {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  connectionTimeoutMillis?: number;
}

export interface PgClient {
  connect(): Promise<unknown>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

interface PgModule {
  Client: new (config: PgClientConfig) => PgClient;
}

const loadCjs = createRequire(import.meta.url);
const pg = loadCjs('pg') as PgModule;

/** Double-quotes an SQL identifier (same rule as pg's Client#escapeIdentifier). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Opens a client, runs `fn`, and always closes the client. Connection errors after connect are swallowed into the query rejections. */
export async function withPgClient<T>(config: PgClientConfig, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionTimeoutMillis: 10_000, ...config });
  client.on('error', () => {
    /* surfaced through the pending query instead */
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
