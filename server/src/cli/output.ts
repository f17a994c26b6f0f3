import type { Command } from 'commander';
import type { CliIo } from './context.js';

/** One printable value; null and undefined print as "-". */
export type Cell = string | number | boolean | null | undefined;

export interface Column<R> {
  header: string;
  cell: (row: R) => Cell;
  /** Right-align (numbers). */
  right?: boolean;
}

const show = (v: Cell): string => (v === null || v === undefined || v === '' ? '-' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

/** An aligned text table with a header row; columns are separated by two spaces. */
export function renderTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const cells = rows.map((r) => columns.map((c) => show(c.cell(r))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]?.right ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** "label  value" lines with the values aligned. */
export function renderFields(fields: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(width)}  ${show(value)}`.trimEnd()).join('\n');
}

/** Timestamps from raw queries arrive as Date or string depending on the driver path; print ISO-8601 UTC. */
export function isoOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}

export interface JsonFlag {
  json?: boolean;
}

/** Adds the `--json` switch every admin command has. */
export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print one machine-readable JSON document instead of a table');
}

/** Prints `doc` as JSON with --json, otherwise the human-readable `text()`. */
export function emit(io: CliIo, opts: JsonFlag, doc: unknown, text: () => string): void {
  io.out(opts.json ? `${JSON.stringify(doc, null, 2)}\n` : `${text()}\n`);
}
