import type { Command } from 'commander';
import { TickLeader, runTick, type TickRow } from '../game/tick.js';
import type { Services } from '../services.js';
import { parseLast } from './args.js';
import { withServices, type CliIo } from './context.js';
import { emit, isoOf, renderTable, withJson, type Column, type JsonFlag } from './output.js';

export const TICK_COLUMNS: readonly Column<TickRow>[] = [
  { header: 'TICK', cell: (r) => r.tick, right: true },
  { header: 'NODE', cell: (r) => r.node },
  { header: 'STARTED', cell: (r) => r.startedAt },
  { header: 'DURATION MS', cell: (r) => r.durationMs.toFixed(1), right: true },
  { header: 'EVENTS', cell: (r) => r.eventsApplied, right: true },
  { header: 'MAX LAG MS', cell: (r) => Math.round(r.maxLagMs), right: true },
];

export const LOCK_BUSY = 'another node holds the tick lock (a running server ticks by itself); no tick was run';

/**
 * `admin tick`: one tick now, as the tick leader. When another node (normally the running
 * server) holds the lock, nothing is applied and the command still succeeds: that node applies
 * the due events itself on its next beat.
 */
async function tickOnce(s: Services): Promise<TickRow | null> {
  const leader = new TickLeader(s.dbUrl);
  try {
    if (!(await leader.tryAcquire())) return null;
    return await runTick(s);
  } finally {
    await leader.release();
  }
}

interface TickLogRow {
  tick: string | number;
  node: string;
  started_at: unknown;
  duration_ms: number;
  events_applied: number;
  max_lag_ms: number;
}

export function tickRowOf(r: TickLogRow): TickRow {
  return {
    tick: Number(r.tick),
    node: r.node,
    startedAt: isoOf(r.started_at) ?? '',
    durationMs: Number(r.duration_ms),
    eventsApplied: Number(r.events_applied),
    maxLagMs: Number(r.max_lag_ms),
  };
}

export async function lastTicks(s: Services, n: number): Promise<TickRow[]> {
  const rows = await s.orm.em
    .fork()
    .execute<TickLogRow[]>('select tick, node, started_at, duration_ms, events_applied, max_lag_ms from tick_log order by tick desc limit ?', [n]);
  return rows.map(tickRowOf);
}

export function registerTickCommands(admin: Command, io: CliIo): void {
  withJson(admin.command('tick'))
    .description('run one tick now (apply every due event, as the tick leader) and print its tick log row')
    .action(async (opts: JsonFlag) =>
      withServices(io, async (s) => {
        const row = await tickOnce(s);
        if (row === null) emit(io, opts, { ticked: false, reason: LOCK_BUSY }, () => `No tick: ${LOCK_BUSY}.`);
        else emit(io, opts, { ticked: true, ...row }, () => renderTable([row], TICK_COLUMNS));
      }),
    );

  withJson(admin.command('ticks'))
    .description('show the most recent ticks from the tick log, newest first')
    .option('--last <n>', 'how many ticks to show (1-1000)', parseLast, 10)
    .action(async (opts: JsonFlag & { last: number }) =>
      withServices(io, async (s) => {
        const rows = await lastTicks(s, opts.last);
        emit(io, opts, rows, () => (rows.length ? renderTable(rows, TICK_COLUMNS) : 'No ticks yet.'));
      }),
    );
}
