import type { Server as HttpServer } from 'node:http';
import type { PresenceEntry } from '@starhold/common';
import { Server } from 'socket.io';
import { Encoder } from 'socket.io-parser';
import type { ServerPlugin } from '../server.js';
import type { Services } from '../services.js';
import { installMetrics, type Metrics } from '../observability/metrics.js';
import { socketOriginAllowed } from '../http/security.js';
import { endSessionsOf, handshakeAuth, sweepSessions } from './auth.js';
import type { ControlBus } from '../control/bus.js';
import { PgControlBus } from '../control/pg-bus.js';
import { PlayerChannels } from './channels.js';
import { onConnection, type GatewayContext } from './connection.js';
import { presenceFor, type PresenceStore } from './presence.js';
import { PresenceAnnouncer } from './presence-announcer.js';
import { LimitedDecoder, TRANSPORT_LIMIT_BYTES } from './message-limit.js';
import { pruneStream } from './retention.js';
import { probeRtt } from './rtt.js';
import { UNIVERSE_ROOM, type GatewayServer } from './types.js';
import { DESKTOP_APP_ORIGIN } from '@starhold/common';
import { settlesWithin } from '../util/within.js';

/** How long shutdown waits for in-flight socket work (commands, catch-ups, deliveries) before going on. */
const SHUTDOWN_DRAIN_MS = 10_000;

/** Presence grace is checked this often (against the server clock). */
const PRESENCE_SWEEP_MS = 1_000;

export interface GatewayPlugin extends ServerPlugin {
  /** The Socket.IO server while running. */
  readonly io: GatewayServer | undefined;
  /** Runs the periodic checks now: expired tokens, bans, presence grace, then sends pending presence changes (tests call it after advancing the clock). */
  sweep(): Promise<void>;
  /** Sends an RTT probe to every socket now. */
  probeRtt(): void;
  /** Deletes stream events outside the retention window now. */
  prune(): Promise<number>;
}

/**
 * The realtime gateway: Socket.IO on the Koa HTTP server (websocket first), JWT handshake,
 * commands, the ordered per-player event stream with replay/snapshot, presence, token expiry,
 * latency probes and stream retention.
 */
export function gatewayPlugin(opts: { controlBus?: (s: Services) => ControlBus } = {}): GatewayPlugin {
  let io: GatewayServer | undefined;
  let bus: ControlBus | undefined;
  let unlisten: (() => void) | undefined;
  let g: GatewayContext | undefined;
  let unsubscribe: (() => void) | undefined;
  let announcer: PresenceAnnouncer | undefined;
  const timers: NodeJS.Timeout[] = [];
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const settled = p.catch(() => undefined).finally(() => pending.delete(settled));
    pending.add(settled);
  };

  const every = (ms: number, fn: () => Promise<unknown> | void, what: string, s: Services) => {
    if (ms <= 0) return;
    let busy = false;
    const t = setInterval(() => {
      if (busy) return;
      busy = true;
      Promise.resolve()
        .then(fn)
        .catch((e: unknown) => s.logger.warn({ err: e }, `${what} failed`))
        .finally(() => {
          busy = false;
        });
    }, ms);
    t.unref();
    timers.push(t);
  };

  async function sweepPresence(ctx: GatewayContext): Promise<void> {
    await ctx.announce(await ctx.presence.sweep(ctx.s.clock.now()));
  }

  const plugin: GatewayPlugin = {
    name: 'gateway',
    get io() {
      return io;
    },
    start(s: Services, http: HttpServer) {
      const metrics: Metrics = installMetrics(s);
      const presence: PresenceStore = presenceFor(s);
      const server: GatewayServer = new Server(http, {
        transports: ['websocket', 'polling'],
        serveClient: false,
        // Frames up to 1 MiB are read, so that an event over the documented 64 KiB limit gets a
        // PAYLOAD_TOO_LARGE ack instead of a closed connection (message-limit.ts); larger ones close it.
        maxHttpBufferSize: TRANSPORT_LIMIT_BYTES,
        parser: { Encoder, Decoder: LimitedDecoder },
        // Browsers on other origins: only STARHOLD_CORS_ORIGINS, as for the API (http/security.ts).
        cors: { origin: [...s.config.corsOrigins, DESKTOP_APP_ORIGIN], methods: ['GET', 'POST'], credentials: false },
        allowRequest: (req, callback) => callback(null, socketOriginAllowed(s.config, req)),
      });
      io = server;
      const channels = new PlayerChannels(server, s, metrics);
      const batches = new PresenceAnnouncer(s.config.presenceBatchMs, (players) => server.to(UNIVERSE_ROOM).emit('presence', { players }));
      announcer = batches;
      const ctx: GatewayContext = {
        s,
        io: server,
        metrics,
        presence,
        channels,
        track,
        announce(entries: PresenceEntry[]) {
          batches.push(entries);
          const writes: Promise<unknown>[] = [];
          for (const e of entries) {
            if (e.status === 'offline') {
              writes.push(s.orm.em.fork().execute('update player set last_seen_at = ? where id = ?', [new Date(e.lastSeenAt), e.playerId]));
            }
          }
          const done = Promise.all(writes).then(() => undefined);
          track(done);
          return done;
        },
      };
      g = ctx;
      metrics.presenceSource = () => presence.list();
      server.use(handshakeAuth(s, metrics));
      server.on('connection', (socket) => onConnection(ctx, socket));
      unsubscribe = s.stream.subscribe((events) => channels.publish(events));

      // Bans act at once through the control bus (cli/ban.ts notifies); the sweep stays as the fallback.
      bus = opts.controlBus?.(s) ?? new PgControlBus(s.dbUrl, s.logger);
      unlisten = bus.subscribe(
        (m) => {
          if (m.type === 'player.banned') endSessionsOf(server, m.playerId, 'BANNED');
        },
        () => track(sweepSessions(s, server).catch((e: unknown) => s.logger.warn({ err: e }, 'session sweep after control bus (re)connect failed'))),
      );
      bus.start();
      every(s.config.authSweepMs, () => sweepSessions(s, server), 'session sweep', s);
      if (s.config.presenceGraceMs > 0) every(Math.min(PRESENCE_SWEEP_MS, s.config.presenceGraceMs), () => sweepPresence(ctx), 'presence sweep', s);
      every(s.config.rttProbeMs, () => probeRtt(s, server, metrics, Math.max(1_000, s.config.rttProbeMs)), 'rtt probe', s);
      every(s.config.streamPruneMs, async () => metrics.prunedEvents.inc(await pruneStream(s)), 'stream prune', s);
    },
    async sweep() {
      if (!io || !g) return;
      await sweepSessions(g.s, io);
      await sweepPresence(g);
      announcer?.flush();
    },
    probeRtt() {
      if (io && g) probeRtt(g.s, io, g.metrics, 5_000);
    },
    async prune() {
      if (!g) return 0;
      const n = await pruneStream(g.s);
      g.metrics.prunedEvents.inc(n);
      return n;
    },
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      unlisten?.();
      unlisten = undefined;
      const stoppingBus = bus?.stop();
      bus = undefined;
      if (stoppingBus && !(await settlesWithin(stoppingBus, 2_000)))
        g?.s.logger.warn('control bus still closing 2 s into shutdown; not waiting for it');
      unsubscribe?.();
      unsubscribe = undefined;
      announcer?.stop();
      announcer = undefined;
      const server = io;
      const ctx = g;
      io = undefined;
      g = undefined;
      if (!server || !ctx) return;
      server.local.disconnectSockets(true);
      // Bounded: a shutdown must finish even if some background work hangs (it is logged).
      const drained = await settlesWithin(
        Promise.allSettled([...pending]).then(() => ctx.channels.idle()),
        SHUTDOWN_DRAIN_MS,
      );
      if (!drained)
        ctx.s.logger.warn(
          { pending: pending.size },
          `gateway: socket work still running ${SHUTDOWN_DRAIN_MS} ms after shutdown began; stopping anyway`,
        );
      await ctx.presence.clear();
      ctx.metrics.presenceSource = undefined;
      // Not awaited: io.close() also closes the HTTP server, which the server's own close() finishes.
      void server.close();
    },
  };
  return plugin;
}
