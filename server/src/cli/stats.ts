import type { Command } from 'commander';
import type { TickRow } from '../game/tick.js';
import type { Services } from '../services.js';
import { withServices, type CliIo } from './context.js';
import { emit, isoOf, renderFields, withJson, type JsonFlag } from './output.js';
import { lastTicks } from './tick.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Stats {
  now: string;
  players: { total: number; banned: number; seenLast24h: number };
  planets: number;
  events: { scheduled: number; due: number; failed: number; next: { dueAt: string | null; kind: string } | null };
  ticks: { last: TickRow | null; lastHour: { count: number; eventsApplied: number; maxLagMs: number | null } };
}

async function collect(s: Services): Promise<Stats> {
  const em = s.orm.em.fork();
  const now = s.clock.now();
  const [counts] = await em.execute<
    { players: number; banned: number; seen: number; planets: number; scheduled: number; due: number; failed: number }[]
  >(
    `select (select count(*)::int from player) as players,
            (select count(*)::int from player where banned_at is not null) as banned,
            (select count(*)::int from player where last_seen_at > ?) as seen,
            (select count(*)::int from planet) as planets,
            (select count(*)::int from scheduled_event) as scheduled,
            (select count(*)::int from scheduled_event where due_at <= ? and failed_at is null) as due,
            (select count(*)::int from scheduled_event where failed_at is not null) as failed`,
    [new Date(now.getTime() - DAY_MS), now],
  );
  const [next] = await em.execute<{ due_at: unknown; kind: string }[]>(
    'select due_at, kind from scheduled_event where failed_at is null order by due_at, id limit 1',
  );
  const [hour] = await em.execute<{ n: number; events: string | number | null; lag: number | null }[]>(
    'select count(*)::int as n, sum(events_applied) as events, max(max_lag_ms) as lag from tick_log where started_at > ?',
    [new Date(now.getTime() - HOUR_MS)],
  );
  const [last] = await lastTicks(s, 1);
  return {
    now: now.toISOString(),
    players: { total: Number(counts?.players), banned: Number(counts?.banned), seenLast24h: Number(counts?.seen) },
    planets: Number(counts?.planets),
    events: {
      scheduled: Number(counts?.scheduled),
      due: Number(counts?.due),
      failed: Number(counts?.failed),
      next: next ? { dueAt: isoOf(next.due_at), kind: next.kind } : null,
    },
    ticks: {
      last: last ?? null,
      lastHour: {
        count: Number(hour?.n ?? 0),
        eventsApplied: Number(hour?.events ?? 0),
        maxLagMs: hour?.lag === null || hour?.lag === undefined ? null : Number(hour.lag),
      },
    },
  };
}

function render(st: Stats): string {
  const last = st.ticks.last;
  const lastHour = st.ticks.lastHour;
  return renderFields([
    ['time', st.now],
    ['players', st.players.total],
    ['banned players', st.players.banned],
    ['players seen in 24 h', st.players.seenLast24h],
    ['planets', st.planets],
    ['scheduled events', st.events.scheduled],
    ['due events', st.events.due],
    ['failed (parked) events', st.events.failed],
    ['next event', st.events.next ? `${st.events.next.kind} at ${st.events.next.dueAt ?? '?'}` : null],
    [
      'last tick',
      last
        ? `#${last.tick} at ${last.startedAt} by ${last.node} (${last.eventsApplied} event${last.eventsApplied === 1 ? '' : 's'}, ${last.durationMs.toFixed(1)} ms)`
        : null,
    ],
    ['ticks in the last hour', lastHour.count],
    ['events applied in the last hour', lastHour.eventsApplied],
    ['max lag in the last hour (ms)', lastHour.maxLagMs === null ? null : Math.round(lastHour.maxLagMs)],
  ]);
}

export function registerStatsCommand(admin: Command, io: CliIo): void {
  withJson(admin.command('stats'))
    .description('players, planets, the event queue and recent ticks at a glance')
    .action(async (opts: JsonFlag) =>
      withServices(io, async (s) => {
        const st = await collect(s);
        emit(io, opts, st, () => render(st));
      }),
    );
}
