import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { quoteIdent, withPgClient, type PgClient } from '../pg-client.js';
import { appliedMigrations, listSequences, listTables } from './catalog.js';
import { BACKUP_FORMAT, BACKUP_VERSION, encodeLine, type BackupHeader, type SequenceValue } from './format.js';

const FETCH_ROWS = 2_000;

export interface DumpResult {
  file: string;
  bytes: number;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

/** The backup's lines, read inside one REPEATABLE READ READ ONLY transaction (one consistent snapshot). */
async function* lines(c: PgClient, now: Date, tables: DumpResult['tables'], migrationsOut: string[]): AsyncGenerator<string> {
  await c.query('begin isolation level repeatable read read only');
  try {
    const migrations = await appliedMigrations(c);
    if (migrations === null || migrations.length === 0)
      throw new Error('the database has no Starhold tables (no migrations were applied): nothing to back up');
    migrationsOut.push(...migrations);
    const {
      rows: [info],
    } = await c.query<{ version: string; db: string; schema: string }>(
      "select current_setting('server_version') as version, current_database() as db, current_schema() as schema",
    );
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      postgres: info?.version ?? '?',
      database: info?.db ?? '?',
      schema: info?.schema ?? 'public',
      migrations,
    };
    yield encodeLine(header);
    for (const t of await listTables(c)) {
      yield encodeLine({ table: t.name, columns: t.columns });
      const cols = t.columns.map(quoteIdent).join(', ');
      await c.query(
        `declare dump_rows no scroll cursor for select row_to_json(x)::text as r from (select ${cols} from only ${quoteIdent(t.name)}) x`,
      );
      let count = 0;
      for (;;) {
        const { rows } = await c.query<{ r: string }>(`fetch ${FETCH_ROWS} from dump_rows`);
        for (const row of rows) yield encodeLine(row.r);
        count += rows.length;
        if (rows.length < FETCH_ROWS) break;
      }
      await c.query('close dump_rows');
      tables.push({ name: t.name, rows: count });
    }
    const sequences: SequenceValue[] = [];
    for (const name of await listSequences(c)) {
      const {
        rows: [v],
      } = await c.query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${quoteIdent(name)}`);
      if (v) sequences.push({ name, lastValue: v.last_value, isCalled: v.is_called });
    }
    yield encodeLine({ sequences });
    yield encodeLine({ end: true, rows: Object.fromEntries(tables.map((t) => [t.name, t.rows])) });
  } finally {
    await c.query('rollback').catch(() => undefined);
  }
}

/**
 * Writes a backup of the database at `url` to `file` (gzip, see format.ts): every table of the
 * current schema, the sequence positions and the applied migrations, from one snapshot, so a
 * running server may keep playing meanwhile. The file appears only when complete (temp file +
 * rename) and is readable by its owner only: it holds password and token hashes.
 */
export async function dumpDatabase(url: string, file: string, now: Date = new Date()): Promise<DumpResult> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.partial`;
  const tables: DumpResult['tables'] = [];
  const migrations: string[] = [];
  try {
    await withPgClient({ connectionString: url }, async (c) => {
      const out = createWriteStream(tmp, { mode: 0o600, flags: 'wx' });
      await pipeline(Readable.from(lines(c, now, tables, migrations)), createGzip(), out);
    });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { file, bytes: (await stat(file)).size, migrations, tables };
}
