// The Starhold backup file: gzip-compressed UTF-8 lines.
//
//   {"format":"starhold-backup","version":1,"createdAt",…,"migrations":[…]}    header
//   {"table":"player","columns":["id","username",…]}                           a table starts
//   "{\"id\":1,\"username\":\"alice\",…}"                                      one row per line
//   {"sequences":[{"name":"player_id_seq","lastValue":"12","isCalled":true}]}
//   {"end":true,"rows":{"player":12,…}}                                        trailer (proves completeness)
//
// A row is PostgreSQL's own `row_to_json` text, kept as a JSON string literal, so values are never
// parsed by JavaScript (bigint and numeric keep every digit) and PostgreSQL turns them back into
// columns with `json_populate_recordset` on restore.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export const BACKUP_FORMAT = 'starhold-backup';
export const BACKUP_VERSION = 1;

export const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  postgres: z.string(),
  database: z.string(),
  schema: z.string(),
  /** Migrations applied to the database, in the order they ran. */
  migrations: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof headerSchema>;

const tableSchema = z.object({ table: z.string().min(1), columns: z.array(z.string().min(1)).min(1) });
export const sequenceSchema = z.object({ name: z.string().min(1), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() });
export type SequenceValue = z.infer<typeof sequenceSchema>;
const sequencesSchema = z.object({ sequences: z.array(sequenceSchema) });
const trailerSchema = z.object({ end: z.literal(true), rows: z.record(z.string(), z.number().int().min(0)) });

export type BackupItem =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: string; columns: string[] }
  | { kind: 'row'; json: string }
  | { kind: 'sequences'; sequences: SequenceValue[] }
  | { kind: 'end'; rows: Record<string, number> };

export class BackupFormatError extends Error {
  constructor(file: string, line: number, problem: string, cause?: unknown) {
    super(`${file} is not a complete Starhold backup (line ${line}: ${problem})`, cause === undefined ? undefined : { cause });
    this.name = 'BackupFormatError';
  }
}

export const encodeLine = (item: object | string): string => `${JSON.stringify(item)}\n`;

function decode(line: string): BackupItem | undefined {
  const v: unknown = JSON.parse(line);
  if (typeof v === 'string') return { kind: 'row', json: v };
  const h = headerSchema.safeParse(v);
  if (h.success) return { kind: 'header', header: h.data };
  const t = tableSchema.safeParse(v);
  if (t.success) return { kind: 'table', table: t.data.table, columns: t.data.columns };
  const s = sequencesSchema.safeParse(v);
  if (s.success) return { kind: 'sequences', sequences: s.data.sequences };
  const e = trailerSchema.safeParse(v);
  if (e.success) return { kind: 'end', rows: e.data.rows };
  return undefined;
}

/** The items of a backup file in order; throws BackupFormatError on anything out of place. */
export async function* readBackup(file: string): AsyncGenerator<BackupItem> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  let n = 0;
  let state: 'start' | 'body' | 'done' = 'start';
  let inTable = false;
  try {
    for await (const line of lines) {
      n++;
      let item: BackupItem | undefined;
      try {
        item = decode(line);
      } catch {
        item = undefined;
      }
      if (!item) throw new BackupFormatError(file, n, 'not a backup line');
      if (state === 'start' && item.kind !== 'header')
        throw new BackupFormatError(file, n, `expected the header (format "${BACKUP_FORMAT}" version ${BACKUP_VERSION})`);
      if (state === 'body' && item.kind === 'header') throw new BackupFormatError(file, n, 'a second header');
      if (state === 'done') throw new BackupFormatError(file, n, 'data after the end marker');
      if (item.kind === 'row' && !inTable) throw new BackupFormatError(file, n, 'a row outside a table');
      if (item.kind === 'table') inTable = true;
      if (item.kind === 'sequences') inTable = false;
      state = item.kind === 'end' ? 'done' : 'body';
      yield item;
    }
  } catch (e) {
    if (e instanceof BackupFormatError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`backup file ${file} does not exist`, { cause: e });
    throw new BackupFormatError(file, n + 1, `unreadable (${e instanceof Error ? e.message : String(e)})`, e);
  } finally {
    lines.close();
    input.destroy();
    gunzip.destroy();
  }
  if (state !== 'done') throw new BackupFormatError(file, n + 1, 'the file ends before the end marker (truncated?)');
}

export interface BackupSummary {
  header: BackupHeader;
  tables: { name: string; columns: string[]; rows: number }[];
  sequences: SequenceValue[];
}

/** Reads the whole file once: proves it complete and consistent before anything is restored from it. */
export async function verifyBackup(file: string): Promise<BackupSummary> {
  let header: BackupHeader | undefined;
  const tables: BackupSummary['tables'] = [];
  let sequences: SequenceValue[] = [];
  for await (const item of readBackup(file)) {
    if (item.kind === 'header') header = item.header;
    else if (item.kind === 'table') tables.push({ name: item.table, columns: item.columns, rows: 0 });
    else if (item.kind === 'row') tables[tables.length - 1]!.rows++;
    else if (item.kind === 'sequences') sequences = item.sequences;
    else {
      if (Object.keys(item.rows).length !== tables.length) throw new BackupFormatError(file, 0, 'the trailer lists other tables than the file has');
      for (const t of tables) {
        if (item.rows[t.name] !== t.rows)
          throw new BackupFormatError(file, 0, `table ${t.name} has ${t.rows} rows, the trailer says ${item.rows[t.name] ?? 'none'}`);
      }
    }
  }
  if (!header) throw new BackupFormatError(file, 1, 'no header');
  return { header, tables, sequences };
}
