// A client that behaves like the desktop one under bad conditions: a durable outbox of numbered
// commands (each composed once, when first sent, from what the client knows), pipelined over the
// socket, resent after every reconnect from hello.clientCursor + 1, retried after `error` acks
// (not processed: database down, rate limit), and reconnecting whenever the connection drops,
// whoever dropped it. Tests pull the plug with `drop()` or from the server side.
import { io } from 'socket.io-client';
import type { CommandAck, CommandEnvelope } from '@starhold/common';
import type { ClientSocket } from '../../realtime/client.js';

export interface ChaosClientOptions {
  url: string;
  token: string;
  clientId: string;
  /** Commands in the outbox. */
  total: number;
  /** Commands sent but not yet answered, at most. */
  window: number;
  /** Composes command `seq` from the answers so far (once: a resend sends the same envelope). */
  compose(seq: number, answers: ReadonlyMap<number, CommandAck>): Pick<CommandEnvelope, 'type' | 'payload'>;
  /** Called after every answered command (chaos hooks). */
  onAnswer?(client: ChaosClient, ack: CommandAck): void;
  /** Delay before reconnecting and before retrying after an `error` ack. */
  retryMs?: number;
}

export class ChaosClient {
  readonly socket: ClientSocket;
  /** The final answer (applied / rejected / duplicate) per seq, when this client saw one. */
  readonly answers = new Map<number, CommandAck>();
  readonly outbox: CommandEnvelope[] = [];
  /** Emits of `command`, resends included. */
  sent = 0;
  /** `error` acks by code (commands not processed). */
  readonly errors = new Map<string, number>();
  /** `gap` answers (normal after an `error` ack: the commands pipelined behind it arrive early). */
  gaps = 0;
  connects = 0;
  /** Failed connection attempts (server down or refusing the handshake). */
  refusals = 0;
  /** Highest seq the server reported as applied (hello.clientCursor) or answered. */
  cursor = 0;
  private next = 1;
  private ready = false;
  private readonly inFlight = new Set<number>();
  private paused = false;
  private holding = false;
  private closed = false;
  private waiters: (() => void)[] = [];
  private idlers: (() => void)[] = [];

  constructor(private readonly o: ChaosClientOptions) {
    this.socket = io(o.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: o.retryMs ?? 25,
      reconnectionDelayMax: (o.retryMs ?? 25) * 4,
      randomizationFactor: 0,
      auth: (cb) => cb({ token: o.token, clientId: o.clientId, lastSeq: null }),
    }) as ClientSocket;
    this.socket.on('hello', (h) => {
      this.connects++;
      this.cursor = Math.max(this.cursor, h.clientCursor);
      this.next = h.clientCursor + 1; // everything up to the cursor is applied, even if its ack was lost
      this.ready = true;
      this.settle();
      this.pump();
    });
    this.socket.on('rtt', (_m, ack) => ack());
    this.socket.on('disconnect', (reason) => {
      this.ready = false;
      this.inFlight.clear(); // their acks are gone; the next hello says what was applied
      this.settle();
      // Socket.IO reconnects by itself after a lost transport, not after a deliberate disconnect.
      if (reason === 'io server disconnect' || reason === 'io client disconnect')
        this.later(() => {
          if (!this.closed) this.socket.connect();
        });
    });
    // A refusal by the server's handshake middleware (e.g. SERVICE_UNAVAILABLE while it starts) is
    // not retried by Socket.IO itself; like the desktop transport, try again a moment later.
    this.socket.on('connect_error', () => {
      this.refusals++;
      if (!this.socket.active)
        this.later(() => {
          if (!this.closed && !this.socket.connected) this.socket.connect();
        });
    });
  }

  get clientId(): string {
    return this.o.clientId;
  }

  get done(): boolean {
    return this.cursor >= this.o.total;
  }

  /** Resolves once every command is known to be applied or answered. */
  whenDone(): Promise<void> {
    return this.done ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Client-side drop: closes the connection now and reconnects a moment later. A drop while a
   * connection attempt is under way cancels the attempt without a `disconnect` event, so the
   * reconnect is scheduled here too (a second `connect()` on an active socket does nothing).
   */
  drop(): void {
    this.socket.disconnect();
    this.later(() => {
      if (!this.closed && !this.socket.active) this.socket.connect();
    });
  }

  /** Stops sending (the connection stays up) and resolves once no command is awaiting its answer. */
  pause(): Promise<void> {
    this.paused = true;
    return this.inFlight.size === 0 ? Promise.resolve() : new Promise((resolve) => this.idlers.push(resolve));
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  close(): void {
    this.closed = true;
    this.waiters = [];
    this.socket.io.reconnection(false);
    this.socket.disconnect();
  }

  private later(fn: () => void): void {
    setTimeout(fn, this.o.retryMs ?? 25).unref();
  }

  private settle(): void {
    if (this.done) for (const w of this.waiters.splice(0)) w();
    if (this.inFlight.size === 0) for (const w of this.idlers.splice(0)) w();
  }

  private envelope(seq: number): CommandEnvelope {
    while (this.outbox.length < seq) {
      const s = this.outbox.length + 1;
      this.outbox.push({ clientId: this.o.clientId, seq: s, ...this.o.compose(s, this.answers) });
    }
    return this.outbox[seq - 1]!;
  }

  private pump(): void {
    while (this.ready && !this.paused && !this.holding && this.socket.connected && this.inFlight.size < this.o.window && this.next <= this.o.total) {
      const seq = this.next++;
      const envelope = this.envelope(seq);
      this.inFlight.add(seq);
      this.sent++;
      const connection = this.socket.id;
      this.socket.emit('command', envelope, (ack: CommandAck) => {
        if (this.socket.id !== connection || !this.inFlight.delete(seq)) return; // answered on a connection since lost
        this.onAck(seq, ack);
      });
    }
  }

  private onAck(seq: number, ack: CommandAck): void {
    if (ack.status === 'error') {
      this.errors.set(ack.error.code, (this.errors.get(ack.error.code) ?? 0) + 1);
      this.next = Math.min(this.next, seq);
      this.settle();
      if (!this.holding) {
        this.holding = true; // not processed: send it again after a pause
        this.later(() => {
          this.holding = false;
          this.pump();
        });
      }
      return;
    }
    if (ack.status === 'gap') {
      this.gaps++;
      this.next = Math.min(this.next, ack.expected);
    } else {
      if (!this.answers.has(seq)) this.answers.set(seq, ack);
      while (this.answers.has(this.cursor + 1)) this.cursor++;
    }
    this.o.onAnswer?.(this, ack);
    this.settle();
    this.pump();
  }
}
