import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDb } from '../db/embedded.js';
import { quoteIdent, withPgClient } from '../db/pg-client.js';

/** A fresh database for one measurement. */
export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** True for 127.0.0.0/8 and `localhost`: the only hosts a benchmark may talk to. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Where the benchmark databases come from: `--db URL|embedded`, else STARHOLD_BENCH_DATABASE_URL, DATABASE_URL, else embedded. */
export function databaseSpec(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.STARHOLD_BENCH_DATABASE_URL ?? env.DATABASE_URL ?? 'embedded';
}

/**
 * The PostgreSQL server of a benchmark run: an external one on loopback (whose user may
 * CREATE DATABASE), or an embedded one started in a temporary folder for the run.
 */
export class BenchDatabases {
  private constructor(
    private readonly adminUrl: string,
    readonly description: string,
    private readonly embedded: { db: EmbeddedDb; dir: string } | undefined,
  ) {}

  static async open(spec: string, log: (msg: string) => void): Promise<BenchDatabases> {
    if (spec === 'embedded') {
      const dir = mkdtempSync(join(tmpdir(), 'starhold-bench-pg-'));
      log(`starting embedded PostgreSQL in ${dir}`);
      try {
        const db = await startEmbeddedPostgres({ dataDir: dir, log: () => undefined, database: 'postgres' });
        const version = await serverVersion(db.url);
        return new BenchDatabases(db.url, `embedded PostgreSQL ${version} (started for the run)`, { db, dir });
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
    const url = new URL(spec);
    if (!isLoopbackHost(url.hostname)) throw new Error(`benchmarks only use a database on 127.0.0.0/8; got host "${url.hostname}"`);
    const version = await serverVersion(spec);
    return new BenchDatabases(spec, `PostgreSQL ${version} at ${url.hostname}:${url.port || '5432'} (given)`, undefined);
  }

  async create(label: string): Promise<BenchDatabase> {
    const name = `starhold_bench_${label}_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
    await withPgClient({ connectionString: this.adminUrl }, (c) => c.query(`create database ${quoteIdent(name)}`));
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    let dropping: Promise<void> | undefined;
    return {
      url: url.toString(),
      drop: () =>
        (dropping ??= withPgClient({ connectionString: this.adminUrl }, async (c) => {
          await c.query(`drop database if exists ${quoteIdent(name)} with (force)`);
        })),
    };
  }

  async close(): Promise<void> {
    if (!this.embedded) return;
    await this.embedded.db.stop();
    rmSync(this.embedded.dir, { recursive: true, force: true });
  }
}

async function serverVersion(url: string): Promise<string> {
  const rows = await withPgClient({ connectionString: url }, (c) => c.query<{ v: string }>("select current_setting('server_version') as v"));
  return rows.rows[0]?.v.split(' ')[0] ?? '?';
}
