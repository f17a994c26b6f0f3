import { pingRttSchema, type HelloMessage, type PongMessage, type PresenceEntry } from '@starhold/common';
import { Limiter } from '../http/rate-limit.js';
import type { Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import { refreshSocketToken } from './auth.js';
import type { PlayerChannels } from './channels.js';
import { eventArgs } from './args.js';
import { bindCommands } from './commands.js';
import { errorBodyOf } from './errors.js';
import { refuseOversized } from './message-limit.js';
import type { PresenceStore } from './presence.js';
import { connectState } from './replay.js';
import { UNIVERSE_ROOM, type GatewayServer, type GatewaySocket } from './types.js';

/** What a connection needs from the running gateway. */
export interface GatewayContext {
  s: Services;
  io: GatewayServer;
  metrics: Metrics;
  presence: PresenceStore;
  channels: PlayerChannels;
  /** Keeps a background promise so shutdown can wait for it. */
  track(p: Promise<unknown>): void;
  /** Broadcasts presence changes to whoever may see them; resolves once offline times are stored. */
  announce(entries: PresenceEntry[]): Promise<void>;
}

/** Token refreshes and presence toggles per socket and second (each may hit the database or fan out). */
const CONTROL_EVENTS_PER_S = 10;
const controlLimits = new Limiter(CONTROL_EVENTS_PER_S, 1, 'socket-control');

/** `hello` first; then the socket sees presence and gets probed. */
async function sendHello(s: Services, socket: GatewaySocket): Promise<void> {
  const d = socket.data;
  const st = await connectState(s, d.playerId, d.clientId);
  if (!socket.connected) return;
  const hello: HelloMessage = {
    playerId: d.playerId,
    username: d.username,
    serverTime: s.clock.now().toISOString(),
    lastSeq: st.head,
    clientCursor: st.clientCursor,
  };
  socket.emit('hello', hello);
  d.ready = true;
  await socket.join(UNIVERSE_ROOM);
}

/** Wires one authenticated socket: hello, catch-up, commands, token refresh, pings, presence. */
export function onConnection(g: GatewayContext, socket: GatewaySocket): void {
  const { s, metrics } = g;
  const d = socket.data;
  metrics.sockets.inc();
  metrics.connects.inc();
  socket.use(refuseOversized());
  const ready = sendHello(s, socket);
  bindCommands(s, socket, metrics, ready, (p) => g.track(p));

  socket.on('auth:refresh', (...args: unknown[]) => {
    const { payload, ack } = eventArgs(args);
    if (ack === undefined) return;
    const answer = controlLimits.hit(socket.id).then(
      () => refreshSocketToken(s, socket, payload),
      (e: unknown) => ({ ok: false as const, error: errorBodyOf(e, s.logger) }),
    );
    g.track(answer.then((a) => ack(a)));
  });
  socket.on('ping:rtt', (...args: unknown[]) => {
    const { payload, ack } = eventArgs(args);
    if (ack === undefined) return;
    const p = pingRttSchema.safeParse(payload);
    const pong: PongMessage = { clientTime: p.success ? p.data.clientTime : null, serverTime: s.clock.now().toISOString() };
    ack(pong);
  });
  const setIdle = (idle: boolean) =>
    g.track(
      controlLimits.hit(socket.id).then(
        async () => g.announce(await g.presence.setIdle(socket.id, idle, s.clock.now())),
        () => undefined, // over the limit: the toggle is ignored
      ),
    );
  socket.on('presence:idle', () => setIdle(true));
  socket.on('presence:active', () => setIdle(false));
  socket.on('disconnect', (reason) => {
    metrics.sockets.dec();
    metrics.disconnects.inc({ reason: d.endReason ?? reason });
    g.channels.detach(d.playerId);
    g.track(g.presence.disconnect(socket.id, s.clock.now()).then((e) => g.announce(e)));
  });

  const connected = g.presence.connect({ playerId: d.playerId, username: d.username, socketId: socket.id }, s.clock.now());
  g.track(connected.then((e) => g.announce(e)));
  const caughtUp = g.channels.attach(socket, d.lastSeq, ready);
  g.track(
    caughtUp.catch((e: unknown) => {
      // Could not catch the socket up (database down): close it; the client reconnects with its lastSeq.
      s.logger.warn({ err: e, playerId: d.playerId }, 'socket catch-up failed; disconnecting');
      if (socket.connected) socket.disconnect(true);
    }),
  );
  // That announcement goes to the universe room, which this socket joins only after `hello`: give
  // it the change its own connection caused (its player coming online) itself, as a live message
  // after the catch-up (`synced`).
  g.track(
    Promise.all([connected, caughtUp]).then(([changes, synced]) => {
      const own = changes.filter((e) => e.playerId === d.playerId);
      if (own.length > 0 && synced && socket.connected) socket.emit('presence', { players: own });
    }),
  );
}
