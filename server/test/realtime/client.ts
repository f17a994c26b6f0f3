// Real socket.io-client connections for gateway tests: every server message is logged in order,
// and tests wait for messages (past or future) instead of sleeping.
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  CommandAck,
  CommandEnvelope,
  HelloMessage,
  PongMessage,
  ServerToClientEvents,
  StreamEventMessage,
} from '@starhold/common';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Logged {
  name: string;
  payload: unknown;
}

export interface ConnectAuth {
  token: string;
  clientId: string;
  lastSeq?: number | null;
}

const WAIT_MS = 10_000;

/** A connected test client. */
export class TestClient {
  readonly log: Logged[] = [];
  private waiters: Array<() => void> = [];
  disconnectReason: string | undefined;

  constructor(readonly socket: ClientSocket) {
    socket.onAny((name: string, payload: unknown) => this.push({ name, payload }));
    socket.on('rtt', (_m, ack) => ack());
    socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
      this.push({ name: '$disconnect', payload: reason });
    });
  }

  private push(entry: Logged): void {
    this.log.push(entry);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Messages of one name received so far, in order. */
  all<T = unknown>(name: string): T[] {
    return this.log.filter((l) => l.name === name).map((l) => l.payload as T);
  }

  /** Stream events received so far, in order. */
  get events(): StreamEventMessage[] {
    return this.all<StreamEventMessage>('event');
  }

  /** Resolves with the n-th (0-based) message of `name` matching `pred`, waiting if needed. */
  waitFor<T = unknown>(name: string, pred: (p: T) => boolean = () => true, nth = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let scanned = 0;
      let hits = 0;
      const check = (): boolean => {
        for (; scanned < this.log.length; scanned++) {
          const l = this.log[scanned]!;
          if (l.name === name && pred(l.payload as T) && hits++ === nth) {
            resolve(l.payload as T);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== listener);
        reject(
          new Error(
            `no "${name}" message (#${nth}) arrived; got: ${this.log
              .slice(-20)
              .map((l) => l.name)
              .join(', ')}`,
          ),
        );
      }, WAIT_MS);
      const listener = (): void => {
        if (check()) clearTimeout(timer);
        else this.waiters.push(listener);
      };
      this.waiters.push(listener);
    });
  }

  /** Waits until stream events up to `seq` have arrived. */
  async waitForSeq(seq: number): Promise<void> {
    await this.waitFor<StreamEventMessage>('event', (e) => e.seq >= seq);
  }

  hello(): Promise<HelloMessage> {
    return this.waitFor<HelloMessage>('hello');
  }

  command(envelope: CommandEnvelope): Promise<CommandAck> {
    return this.socket.timeout(WAIT_MS).emitWithAck('command', envelope);
  }

  /** A round trip: every message the server sent before answering has arrived afterwards. */
  ping(): Promise<PongMessage> {
    return this.socket.timeout(WAIT_MS).emitWithAck('ping:rtt', { clientTime: 1 });
  }

  close(): void {
    this.socket.disconnect();
  }
}

export function socketFor(
  url: string,
  auth: ConnectAuth | ((cb: (data: object) => void) => void),
  extra: Record<string, unknown> = {},
): ClientSocket {
  return io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth, ...extra }) as ClientSocket;
}

/** Connects and waits for `hello`. */
export async function connectClient(url: string, auth: ConnectAuth): Promise<TestClient> {
  const client = new TestClient(socketFor(url, auth));
  const refused = new Promise<never>((_, reject) => client.socket.once('connect_error', (e) => reject(e)));
  await Promise.race([client.hello(), refused]);
  return client;
}

/** Connects expecting a refusal; resolves with the connect_error. */
export function refusal(url: string, auth: unknown): Promise<Error & { data?: { code: string; message: string } }> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: auth as object });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (e) => {
      socket.disconnect();
      resolve(e as Error & { data?: { code: string; message: string } });
    });
    socket.once('connect', () => {
      socket.disconnect();
      reject(new Error('connected, but a refusal was expected'));
    });
  });
}

/** Seqs of received events, asserting the "in order, no duplicates" guarantee by construction. */
export function seqsOf(client: TestClient): number[] {
  return client.events.map((e) => e.seq);
}

let clientCounter = 0;
/** A fresh valid clientId. */
export function newClientId(prefix = 'client'): string {
  clientCounter += 1;
  return `${prefix}-${process.pid}-${clientCounter}-abcdef`.slice(0, 64);
}
