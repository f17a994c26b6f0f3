import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Services } from '../services.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Prometheus metrics of one server instance. Each instance owns its registry (never the global
 * default one), so several servers in one process (tests) do not clash.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'starhold_commands_total',
    help: 'Commands by type and outcome status (REST and socket)',
    labelNames: ['type', 'status'] as const,
    registers: [this.registry],
  });
  readonly commandDuration = new Histogram({
    name: 'starhold_command_duration_seconds',
    help: 'Command pipeline duration (transaction included)',
    labelNames: ['type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'starhold_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern (e.g. /api/v1/planets/:id; "unmatched" outside the API router) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly tickDuration = new Histogram({
    name: 'starhold_tick_duration_seconds',
    help: 'Duration of one tick',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly tickLag = new Gauge({
    name: 'starhold_tick_lag_seconds',
    help: 'Largest lag (now - due) of the events applied by the last tick',
    registers: [this.registry],
  });
  readonly tickEvents = new Counter({
    name: 'starhold_tick_events_applied_total',
    help: 'Scheduled events applied by the tick',
    registers: [this.registry],
  });

  readonly sockets = new Gauge({
    name: 'starhold_socket_connections',
    help: 'Connected sockets on this node',
    registers: [this.registry],
  });
  readonly connects = new Counter({
    name: 'starhold_socket_connects_total',
    help: 'Accepted socket connections',
    registers: [this.registry],
  });
  readonly connectErrors = new Counter({
    name: 'starhold_socket_connect_errors_total',
    help: 'Refused socket connections by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly disconnects = new Counter({
    name: 'starhold_socket_disconnects_total',
    help: 'Socket disconnections by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly replayedEvents = new Counter({
    name: 'starhold_stream_replayed_events_total',
    help: 'Stream events replayed to reconnecting sockets',
    registers: [this.registry],
  });
  readonly liveEvents = new Counter({
    name: 'starhold_stream_live_events_total',
    help: 'Stream events pushed live to player rooms',
    registers: [this.registry],
  });
  readonly snapshots = new Counter({
    name: 'starhold_stream_snapshots_total',
    help: 'Full-state snapshots sent to sockets',
    registers: [this.registry],
  });
  readonly prunedEvents = new Counter({
    name: 'starhold_stream_pruned_events_total',
    help: 'Stream events deleted by retention',
    registers: [this.registry],
  });
  readonly ackLatency = new Histogram({
    name: 'starhold_socket_command_ack_seconds',
    help: 'Time from receiving a socket command to sending its ack',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly rtt = new Histogram({
    name: 'starhold_socket_rtt_seconds',
    help: 'Round-trip time measured by server probes',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  /** Where the presence gauge reads from (set by the gateway while it runs). */
  presenceSource: (() => Promise<{ status: string }[]>) | undefined;
  readonly presence: Gauge<'status'>;
  /** Where the DB pool gauge reads from (set by installMetrics). */
  poolSource: (() => Promise<PoolStats | undefined>) | undefined;
  readonly dbPool: Gauge<'state'>;

  constructor() {
    const dbPool: Gauge<'state'> = new Gauge({
      name: 'starhold_db_pool_connections',
      help: 'Database pool (pg) connections: total open, idle, in use, waiting requests, and the configured max',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect: async () => {
        const stats = await this.poolSource?.().catch(() => undefined);
        dbPool.reset();
        if (!stats) return;
        dbPool.set({ state: 'total' }, stats.total);
        dbPool.set({ state: 'idle' }, stats.idle);
        dbPool.set({ state: 'in_use' }, stats.total - stats.idle);
        dbPool.set({ state: 'waiting' }, stats.waiting);
        dbPool.set({ state: 'max' }, stats.max);
      },
    });
    this.dbPool = dbPool;
    const presence: Gauge<'status'> = new Gauge({
      name: 'starhold_presence_players',
      help: 'Players by presence status (this node)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      collect: async () => {
        const entries = (await this.presenceSource?.()) ?? [];
        presence.reset();
        for (const status of ['online', 'away']) presence.set({ status }, entries.filter((e) => e.status === status).length);
      },
    });
    this.presence = presence;
    collectDefaultMetrics({ register: this.registry, prefix: 'starhold_' });
  }
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** The `pg` pool behind MikroORM's connection (MikroORM 7 exposes it as `getNativeClient()`). */
async function poolStats(s: Services): Promise<PoolStats> {
  const pool = await s.orm.em.getConnection().getNativeClient();
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 0 };
}

const installed = new WeakMap<Services, Metrics>();

/**
 * The metrics of this server, created on first use; also hooks the command pipeline
 * (`services.metrics`) and the tick (`services.tickObserver`).
 */
export function installMetrics(s: Services): Metrics {
  const existing = installed.get(s);
  if (existing) return existing;
  const m = new Metrics();
  installed.set(s, m);
  m.poolSource = () => poolStats(s);
  s.metrics = {
    commandFinished(type, status, ms) {
      m.commands.inc({ type, status });
      m.commandDuration.observe({ type }, ms / 1000);
    },
  };
  s.tickObserver = (durationMs, events, maxLagMs) => {
    m.tickDuration.observe(durationMs / 1000);
    m.tickLag.set(maxLagMs / 1000);
    m.tickEvents.inc(events);
  };
  return m;
}
