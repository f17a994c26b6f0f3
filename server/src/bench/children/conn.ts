import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/**
 * One load-generator connection: a real socket.io-client socket (websocket transport) bound to a
 * chosen loopback source address, speaking either the Starhold protocol (token handshake,
 * `hello`/`synced`, commands with envelopes) or the bare baseline protocol.
 */

export type Protocol = 'starhold' | 'bare';

export interface ClientSpec {
  /** Starhold: the player's access token. */
  token?: string;
  playerId?: number;
  planetId?: number;
  clientId: string;
  /** Bare: the `bench_counter` row this client updates. */
  counterId?: number;
}

/** High-resolution wall-clock time in ms (comparable across processes on one machine). */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** Hi-res time of the last message of a kind, and a count of everything received. */
export class Conn {
  readonly socket: Socket;
  lastSeq = 0;
  synced = false;
  /** Messages received on this connection (all kinds). */
  received = 0;

  constructor(
    readonly spec: ClientSpec,
    url: string,
    readonly protocol: Protocol,
    localAddress: string | undefined,
  ) {
    const opts: Record<string, unknown> = {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
      timeout: 60_000,
      ...(localAddress ? { localAddress } : {}),
    };
    if (protocol === 'starhold') {
      opts.auth = (cb: (d: object) => void) => cb({ token: spec.token, clientId: spec.clientId, lastSeq: this.lastSeq });
    }
    this.socket = io(url, opts as Partial<ManagerOptions & SocketOptions>);
    this.socket.onAny(() => {
      this.received++;
    });
    this.socket.on('rtt', (_m: unknown, ack: unknown) => {
      if (typeof ack === 'function') (ack as () => void)();
    });
    this.socket.on('snapshot', (s: { lastSeq: number }) => {
      this.lastSeq = s.lastSeq;
    });
    this.socket.on('event', (e: { seq: number }) => {
      this.lastSeq = Math.max(this.lastSeq, e.seq);
    });
    this.socket.on('synced', () => {
      this.synced = true;
    });
    this.socket.on('disconnect', () => {
      this.synced = false;
    });
  }

  /** Connects; resolves when usable (Starhold: `synced`; bare: connected), rejects with the refusal or transport error. */
  open(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = this.socket;
      const done = (err?: Error) => {
        clearTimeout(timer);
        s.off('connect_error', onError);
        s.off('synced', onReady);
        s.off('connect', onConnect);
        if (err) reject(err);
        else resolve();
      };
      const onError = (e: Error) => done(e);
      const onReady = () => done();
      const onConnect = () => {
        if (this.protocol === 'bare') done();
      };
      const timer = setTimeout(() => done(new Error('TIMEOUT')), timeoutMs);
      s.on('connect_error', onError);
      s.on('synced', onReady);
      s.on('connect', onConnect);
      s.connect();
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Runs `fn` over `items` with at most `limit` promises in flight. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Counts of short error reasons (e.g. a refusal code or a transport error message). */
export function countReason(into: Record<string, number>, e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  const key = msg.length > 60 ? msg.slice(0, 60) : msg;
  into[key] = (into[key] ?? 0) + 1;
}
