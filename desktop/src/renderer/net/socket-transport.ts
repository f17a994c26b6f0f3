// The wiring to the realtime gateway (Socket.IO; protocol in common/src/protocol/socket.ts and
// docs/protocol.md). Everything protocol-specific about the wire lives in this one module.
import { io, type Socket } from 'socket.io-client';
import type { AuthRefreshAck, ClientToServerEvents, CommandAck, CommandEnvelope, ServerToClientEvents } from '@starhold/common';
import type { HandshakeParams, Transport, TransportHandlers } from './transport.js';

type GatewaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'AUTH_INVALID', 'AUTH_EXPIRED', 'BANNED']);

export interface SocketTransportOptions {
  serverUrl: string;
  /** How long a command may wait for its ack before we treat the connection as lost. */
  ackTimeoutMs?: number;
  pingEveryMs?: number;
}

/**
 * Socket.IO, websocket only (no sticky sessions needed). Reconnects with exponential backoff and
 * jitter (Socket.IO's manager: 0.5 s doubling to 10 s, ±50 %). Handshake `auth` is a function, so
 * every reconnect carries the current token and the last applied stream seq.
 */
export class SocketTransport implements Transport {
  readonly name = 'websocket';
  private socket: GatewaySocket | null = null;
  private attempts = 0;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private manualRetry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: SocketTransportOptions) {}

  connect(h: TransportHandlers, params: () => HandshakeParams): void {
    this.disconnect();
    const socket: GatewaySocket = io(this.opts.serverUrl, {
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      timeout: 8000,
      auth: (cb) => {
        const p = params();
        cb({ token: p.token ?? '', clientId: p.clientId, lastSeq: p.lastSeq });
      },
    });
    this.socket = socket;
    this.attempts = 0;
    const report = (state: 'connected' | 'connecting' | 'offline', error?: string) =>
      h.state(state, { attempts: this.attempts, transport: socket.io.engine?.transport?.name ?? this.name, ...(error ? { error } : {}) });

    // After a failed attempt the state stays "offline" (with the attempt count) until one succeeds.
    let failed = false;
    // Set when the server ended the session for auth reasons: the auth listener reconnects then.
    let sessionEnded = false;
    const retryLater = () => {
      this.attempts += 1;
      clearTimeout(this.manualRetry);
      this.manualRetry = setTimeout(() => socket.connect(), Math.min(10_000, 500 * 2 ** this.attempts) * (0.5 + Math.random() / 2));
    };
    report('connecting');
    socket.io.on('reconnect_attempt', (n) => {
      this.attempts = n;
      report(failed ? 'offline' : 'connecting');
    });
    socket.on('connect', () => {
      failed = false;
      sessionEnded = false;
      this.attempts = 0;
      report('connected');
      this.ping(h);
    });
    socket.on('disconnect', (reason) => {
      // A server shutting down closes every socket ("io server disconnect"), which Socket.IO does
      // not retry by itself; we do, with the same backoff, unless the session was ended.
      if (reason === 'io server disconnect' && !sessionEnded) {
        failed = true;
        report('offline', 'the server closed the connection');
        retryLater();
        return;
      }
      report(socket.active ? 'connecting' : 'offline', reason);
    });
    socket.on('connect_error', (err) => {
      failed = true;
      const code = (err as Error & { data?: { code?: string; message?: string } }).data?.code ?? err.message;
      if (AUTH_CODES.has(code)) {
        report('offline', code);
        h.authProblem(code, (err as Error & { data?: { message?: string } }).data?.message ?? code);
        return;
      }
      // Server refused for another reason (e.g. SERVICE_UNAVAILABLE): Socket.IO does not retry
      // middleware refusals by itself, so retry with the same backoff.
      report('offline', code);
      if (!socket.active) retryLater();
    });
    socket.on('hello', (m) => h.hello(m));
    socket.on('snapshot', (m) => h.snapshot(m));
    socket.on('event', (m) => h.event(m));
    socket.on('synced', (m) => h.synced(m));
    socket.on('presence', (m) => h.presence(m.players));
    socket.on('session:expired', (m) => {
      sessionEnded = true;
      h.authProblem(m.code, m.message);
    });
    socket.on('rtt', (m, ack) => {
      ack();
      if (m.rttMs !== null) h.latency(Math.round(m.rttMs));
    });
    this.pingTimer = setInterval(() => this.ping(h), this.opts.pingEveryMs ?? 5000);
  }

  private ping(h: TransportHandlers): void {
    const s = this.socket;
    if (!s?.connected) return;
    const sent = performance.now();
    s.timeout(5000).emit('ping:rtt', { clientTime: Date.now() }, (err) => {
      if (!err) h.latency(Math.round(performance.now() - sent));
    });
  }

  disconnect(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.manualRetry);
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  reconnect(): void {
    const s = this.socket;
    if (!s) return;
    s.disconnect();
    s.connect();
  }

  sendCommand(envelope: CommandEnvelope): Promise<CommandAck> {
    const s = this.socket;
    if (!s?.connected) return Promise.reject(new Error('not connected'));
    return s.timeout(this.opts.ackTimeoutMs ?? 15_000).emitWithAck('command', envelope);
  }

  refreshAuth(token: string): Promise<AuthRefreshAck> {
    const s = this.socket;
    if (!s?.connected) return Promise.reject(new Error('not connected'));
    return s.timeout(10_000).emitWithAck('auth:refresh', { token });
  }

  setIdle(idle: boolean): void {
    if (this.socket?.connected) this.socket.emit(idle ? 'presence:idle' : 'presence:active');
  }
}
