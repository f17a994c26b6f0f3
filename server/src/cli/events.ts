import type { Command } from 'commander';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_LOCKS } from '../db/locks.js';
import { MAX_EVENT_ATTEMPTS } from '../game/tick.js';
import type { Services } from '../services.js';
import { parseEventId } from './args.js';
import { CliError, withServices, type CliIo } from './context.js';
import { dropConsequence } from './event-consequences.js';
import { emit, isoOf, renderFields, renderTable, withJson, type Column, type JsonFlag } from './output.js';

/** A scheduled event as the operator sees it (parked: `failedAt` is set). */
export interface EventRow {
  id: number;
  kind: string;
  playerId: number | null;
  username: string | null;
  planetId: number | null;
  dueAt: string | null;
  attempts: number;
  failedAt: string | null;
  lastError: string | null;
  payload: Record<string, unknown>;
}

interface DbRow {
  id: string | number;
  kind: string;
  player_id: number | null;
  username: string | null;
  planet_id: number | null;
  due_at: unknown;
  attempts: number;
  failed_at: unknown;
  last_error: string | null;
  payload: Record<string, unknown>;
}

const rowOf = (r: DbRow): EventRow => ({
  id: Number(r.id),
  kind: r.kind,
  playerId: r.player_id,
  username: r.username,
  planetId: r.planet_id,
  dueAt: isoOf(r.due_at),
  attempts: Number(r.attempts),
  failedAt: isoOf(r.failed_at),
  lastError: r.last_error,
  payload: r.payload,
});

const ERROR_WIDTH = 60;
/** The first line of the error, cut to fit a table (--json has all of it). */
const shortError = (e: string | null): string | null => {
  const line = e?.split('\n', 1)[0] ?? null;
  return line !== null && line.length > ERROR_WIDTH ? `${line.slice(0, ERROR_WIDTH - 1)}…` : line;
};
const playerOf = (r: EventRow): string | null => r.username ?? (r.playerId === null ? null : `#${r.playerId}`);

const COLUMNS: readonly Column<EventRow>[] = [
  { header: 'ID', cell: (r) => r.id, right: true },
  { header: 'KIND', cell: (r) => r.kind },
  { header: 'PLAYER', cell: playerOf },
  { header: 'PLANET', cell: (r) => r.planetId, right: true },
  { header: 'DUE', cell: (r) => r.dueAt },
  { header: 'ATTEMPTS', cell: (r) => r.attempts, right: true },
  { header: 'FAILED', cell: (r) => r.failedAt },
  { header: 'LAST ERROR', cell: (r) => shortError(r.lastError) },
];

const SELECT = `select e.id, e.kind, e.player_id, p.username, e.planet_id, e.due_at, e.attempts, e.failed_at, e.last_error, e.payload
  from scheduled_event e left join player p on p.id = e.player_id`;

/** Parked events (one, with `id`), oldest failure first; `lock` holds their rows to the end of the transaction. */
async function parkedEvents(em: EntityManager, opts: { id?: number; lock?: boolean } = {}): Promise<EventRow[]> {
  const rows = await em.execute<DbRow[]>(
    `${SELECT} where e.failed_at is not null${opts.id === undefined ? '' : ' and e.id = ?'} order by e.failed_at, e.id${opts.lock ? ` ${EVENT_LOCKS.parked}` : ''}`,
    opts.id === undefined ? [] : [opts.id],
  );
  return rows.map(rowOf);
}

/** Why `id` cannot be retried or dropped: it does not exist, or it is not parked. */
async function notParked(em: EntityManager, id: number, verb: string): Promise<CliError> {
  const [row] = await em.execute<DbRow[]>(`${SELECT} where e.id = ?`, [id]);
  if (!row) return new CliError(`no scheduled event with id ${id} (applied or dropped already?)`);
  const e = rowOf(row);
  return new CliError(
    `event ${id} (${e.kind}) is not parked: it is due at ${e.dueAt ?? '?'} with ${e.attempts} failed attempt${e.attempts === 1 ? '' : 's'} ` +
      `and the tick still tries it; only parked events can be ${verb}`,
  );
}

/** Un-parks the event(s): the tick tries them again from the next beat on, with a fresh count of attempts. */
async function retry(s: Services, id: number | undefined): Promise<EventRow[]> {
  return s.orm.em.fork().transactional(async (tx) => {
    const rows = await parkedEvents(tx, { ...(id === undefined ? {} : { id }), lock: true });
    if (id !== undefined && rows.length === 0) throw await notParked(tx, id, 'retried');
    if (rows.length)
      await tx.execute('update scheduled_event set failed_at = null, attempts = 0 where id = any(?::bigint[])', [
        `{${rows.map((r) => r.id).join(',')}}`,
      ]);
    return rows;
  });
}

/** Deletes a parked event for good (only a parked one: the tick never holds those). */
async function drop(s: Services, id: number, yes: boolean): Promise<EventRow> {
  return s.orm.em.fork().transactional(async (tx) => {
    const [row] = await parkedEvents(tx, { id, lock: true });
    if (!row) throw await notParked(tx, id, 'dropped');
    if (!yes) {
      throw new CliError(
        `dropping event ${id} (${row.kind}) deletes it for good; for the player this means: ${dropConsequence(row.kind)}. ` +
          'Nothing was changed: run again with --yes to drop it, or use `events retry` once the cause is fixed',
      );
    }
    await tx.execute('delete from scheduled_event where id = ?', [id]);
    return row;
  });
}

const plural = (n: number): string => `${n} event${n === 1 ? '' : 's'}`;

export function registerEventCommands(admin: Command, io: CliIo): void {
  const events = admin
    .command('events')
    .description(`parked scheduled events (their handler failed ${MAX_EVENT_ATTEMPTS} times in a row): list, retry or drop them`);

  withJson(events.command('list', { isDefault: true }))
    .description('list the parked events, oldest failure first (the default of `events`)')
    .action(async (opts: JsonFlag) =>
      withServices(io, async (s) => {
        const rows = await parkedEvents(s.orm.em.fork());
        emit(io, opts, rows, () => (rows.length ? renderTable(rows, COLUMNS) : 'No parked events.'));
      }),
    );

  withJson(events.command('retry').argument('[id]', 'the parked event to retry', parseEventId))
    .description(`un-park an event (or --all): the tick applies it again, with ${MAX_EVENT_ATTEMPTS} new attempts`)
    .option('--all', 'retry every parked event')
    .action(async (id: number | undefined, opts: JsonFlag & { all?: boolean }) => {
      if ((id === undefined) === (opts.all !== true)) throw new CliError('give either the id of a parked event or --all');
      await withServices(io, async (s) => {
        const rows = await retry(s, id);
        emit(io, opts, { retried: rows }, () =>
          rows.length
            ? `Retried ${plural(rows.length)}: the tick applies ${rows.length === 1 ? 'it' : 'them'} on its next beat.\n${renderTable(rows, COLUMNS)}`
            : 'No parked events to retry.',
        );
      });
    });

  withJson(events.command('drop').argument('<id>', 'the parked event to delete', parseEventId))
    .description('delete a parked event for good (what it would have done never happens; see docs/operations.md)')
    .option('--yes', 'really delete it; without it nothing changes and the consequence for the player is shown')
    .action(async (id: number, opts: JsonFlag & { yes?: boolean }) =>
      withServices(io, async (s) => {
        const row = await drop(s, id, opts.yes === true);
        const consequence = dropConsequence(row.kind);
        emit(io, opts, { dropped: row, consequence }, () =>
          renderFields([
            ['dropped', `event ${row.id} (${row.kind})`],
            ['player', playerOf(row)],
            ['planet', row.planetId],
            ['due at', row.dueAt],
            ['payload', JSON.stringify(row.payload)],
            ['last error', shortError(row.lastError)],
            ['for the player', consequence],
          ]),
        );
      }),
    );
}
