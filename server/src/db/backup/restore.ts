import { quoteIdent, withPgClient, type PgClient } from '../pg-client.js';
import { migrationsList } from '../migrations/index.js';
import { initOrm, migrate } from '../orm.js';
import { dropSchemaObjects, otherSessions } from './catalog.js';
import { readBackup, verifyBackup, type BackupSummary, type SequenceValue } from './format.js';

/** Rows go to PostgreSQL in batches of about this many characters of JSON. */
const BATCH_CHARS = 2_000_000;

export interface RestoreOptions {
  /** Restore even while other sessions (a running server) use the database. */
  force?: boolean;
}

export interface RestoreResult {
  file: string;
  createdAt: string;
  tables: { name: string; rows: number }[];
  /** Migrations the backup's schema had (re-run to rebuild it). */
  backupMigrations: string[];
  /** Newer migrations of this version, applied after the data was loaded. */
  applied: string[];
}

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

async function insertBatch(c: PgClient, table: string, columns: string[], rows: string[]): Promise<number> {
  if (rows.length === 0) return 0;
  const cols = columns.map(quoteIdent).join(', ');
  const t = quoteIdent(table);
  const r = await c.query(`insert into ${t} (${cols}) overriding system value select ${cols} from json_populate_recordset(null::${t}, $1::json)`, [
    `[${rows.join(',')}]`,
  ]);
  return r.rowCount ?? 0;
}

async function setSequences(c: PgClient, sequences: SequenceValue[]): Promise<void> {
  for (const s of sequences) {
    await c.query("select setval(format('%I.%I', current_schema(), $1::text)::regclass, $2::bigint, $3::boolean)", [s.name, s.lastValue, s.isCalled]);
  }
}

/** Loads the rows and sequence positions into the freshly migrated, emptied tables, in one transaction. */
async function loadData(c: PgClient, file: string, summary: BackupSummary): Promise<void> {
  await c.query('begin');
  try {
    const names = summary.tables.map((t) => t.name);
    const { rows: missing } = await c.query<{ name: string }>(
      "select n as name from unnest($1::text[]) n where to_regclass(format('%I.%I', current_schema(), n)) is null",
      [names],
    );
    if (missing.length) throw new Error(`the backup has tables this schema lacks: ${missing.map((m) => m.name).join(', ')}`);
    // Migrations may have seeded rows (and the migrator logged itself): the backup's rows replace them.
    if (names.length) await c.query(`truncate table ${names.map(quoteIdent).join(', ')} cascade`);
    let current: { table: string; columns: string[]; rows: string[]; chars: number; inserted: number } | undefined;
    const flush = async () => {
      if (!current) return;
      current.inserted += await insertBatch(c, current.table, current.columns, current.rows);
      current.rows = [];
      current.chars = 0;
    };
    const finishTable = async () => {
      await flush();
      const expected = summary.tables.find((t) => t.name === current?.table)?.rows;
      if (current && current.inserted !== expected)
        throw new Error(`table ${current.table}: inserted ${current.inserted} rows, the backup has ${expected}`);
    };
    for await (const item of readBackup(file)) {
      if (item.kind === 'table') {
        await finishTable();
        current = { table: item.table, columns: item.columns, rows: [], chars: 0, inserted: 0 };
      } else if (item.kind === 'row' && current) {
        current.rows.push(item.json);
        current.chars += item.json.length;
        if (current.chars >= BATCH_CHARS) await flush();
      } else if (item.kind === 'sequences') {
        await finishTable();
        current = undefined;
        await setSequences(c, item.sequences);
      }
    }
    await finishTable();
    await c.query('commit');
  } catch (e) {
    await c.query('rollback').catch(() => undefined);
    throw e;
  }
}

/**
 * Replaces the contents of the database at `url` with a backup (dump.ts):
 *  1. reads the whole file first: a truncated or foreign file is refused before anything changes;
 *  2. refuses a backup from a newer Starhold (unknown migrations), and a database other sessions
 *     use (a running server) unless `force`;
 *  3. drops every object of the current schema, re-runs exactly the backup's migrations,
 *     loads rows and sequence positions in one transaction, then applies this version's newer
 *     migrations (a backup of an older version is upgraded on the way).
 * If step 3 fails midway the database is left without data: run the restore again.
 */
export async function restoreDatabase(url: string, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const summary = await verifyBackup(file);
  const known = new Set(migrationsList.map((m) => m.name));
  const unknown = summary.header.migrations.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new RestoreRefused(`the backup comes from a newer Starhold version (unknown migrations: ${unknown.join(', ')}); upgrade Starhold first`);
  }
  await withPgClient({ connectionString: url }, async (c) => {
    const others = opts.force ? 0 : await otherSessions(c);
    if (others > 0) {
      throw new RestoreRefused(`${others} other connection(s) use this database (a running server?): stop the server first, or pass --force`);
    }
    await c.query('begin');
    await dropSchemaObjects(c);
    await c.query('commit');
  });
  const orm = await initOrm({ url, poolMax: 2 });
  let applied: string[];
  try {
    await orm.migrator.up({ migrations: summary.header.migrations });
    await withPgClient({ connectionString: url }, (c) => loadData(c, file, summary));
    applied = await migrate(orm);
  } finally {
    await orm.close(true);
  }
  return {
    file,
    createdAt: summary.header.createdAt,
    tables: summary.tables.map((t) => ({ name: t.name, rows: t.rows })),
    backupMigrations: summary.header.migrations,
    applied,
  };
}
