// A client that behaves like the desktop one: a durable outbox of numbered commands, pipelined
// over the socket, resent after a reconnect from hello.clientCursor, and a persisted lastSeq.
import { io } from 'socket.io-client';
import type { CommandAck, CommandEnvelope, HelloMessage, StreamEventMessage } from '@starhold/common';
import type { ClientSocket } from './client.js';

export interface OutboxClientOptions {
  url: string;
  token: string;
  clientId: string;
  commands: CommandEnvelope[];
  /** Commands sent but not yet answered, at most. */
  window: number;
  /** Called after every ack (e.g. to pull the plug mid-flight). */
  onAck?: () => void;
  /**
   * After a reconnect, resend from hello.clientCursor + 1 (a well-behaved client), or from seq 1
   * (a client that lost its outbox bookkeeping: the server must answer `duplicate` for what it applied).
   */
  resendFrom: 'cursor' | 'start';
}

export class OutboxClient {
  readonly socket: ClientSocket;
  /** Stream seqs received, across connections, in arrival order. */
  readonly seqs: number[] = [];
  readonly hellos: HelloMessage[] = [];
  readonly acks = new Map<number, CommandAck>();
  /** Acks answered `duplicate`. */
  duplicates = 0;
  readonly problems: string[] = [];
  snapshots = 0;
  /** Unanswered commands at each disconnect. */
  readonly inFlightAtDisconnect: number[] = [];
  lastSeq = 0;
  private readonly done = new Set<number>();
  private readonly inFlight = new Set<number>();
  private next = 1;
  private ready = false;
  private finished: (() => void) | undefined;

  constructor(private readonly o: OutboxClientOptions) {
    this.socket = io(o.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
      randomizationFactor: 0,
      auth: (cb) => cb({ token: o.token, clientId: o.clientId, lastSeq: this.lastSeq }),
    }) as ClientSocket;
    this.socket.on('hello', (h) => this.onHello(h));
    this.socket.on('event', (e) => this.onEvent(e));
    this.socket.on('snapshot', (s) => {
      this.snapshots++;
      this.lastSeq = s.lastSeq;
    });
    this.socket.on('rtt', (_m, ack) => ack());
    this.socket.on('disconnect', () => {
      this.inFlightAtDisconnect.push(this.inFlight.size);
      this.ready = false;
      this.inFlight.clear(); // their acks are gone; hello.clientCursor tells what was applied
    });
  }

  get total(): number {
    return this.o.commands.length;
  }

  get answered(): number {
    return this.done.size;
  }

  /** Resolves when every command is known to be applied or answered. */
  whenDone(): Promise<void> {
    if (this.done.size === this.total) return Promise.resolve();
    return new Promise((resolve) => {
      this.finished = resolve;
    });
  }

  /** Resolves once the first connection has dropped. */
  waitForDisconnect(): Promise<void> {
    if (this.inFlightAtDisconnect.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('disconnect', () => resolve()));
  }

  close(): void {
    this.socket.disconnect();
  }

  private onHello(h: HelloMessage): void {
    this.hellos.push(h);
    if (this.o.resendFrom === 'cursor') {
      // Everything up to the cursor was applied (its ack may have been lost): drop it from the outbox.
      for (let seq = 1; seq <= h.clientCursor && seq <= this.total; seq++) this.markDone(seq);
      this.next = h.clientCursor + 1;
    } else {
      this.next = 1;
    }
    this.ready = true;
    this.pump();
  }

  private onEvent(e: StreamEventMessage): void {
    if (e.seq !== this.lastSeq + 1) this.problems.push(`event ${e.seq} after ${this.lastSeq}`);
    this.lastSeq = Math.max(this.lastSeq, e.seq);
    this.seqs.push(e.seq);
  }

  private markDone(seq: number): void {
    this.done.add(seq);
    if (this.done.size === this.total) this.finished?.();
  }

  private pump(): void {
    while (this.ready && this.socket.connected && this.inFlight.size < this.o.window && this.next <= this.total) {
      const seq = this.next++;
      const envelope = this.o.commands[seq - 1]!;
      this.inFlight.add(seq);
      const socket = this.socket;
      const connection = socket.id;
      socket.emit('command', envelope, (ack) => {
        if (socket.id !== connection) return;
        this.inFlight.delete(seq);
        this.onAck(seq, ack);
      });
    }
  }

  private onAck(seq: number, ack: CommandAck): void {
    if (ack.status === 'gap') {
      this.problems.push(`gap at ${seq}, expected ${ack.expected}`);
      this.next = Math.min(this.next, ack.expected);
    } else if (ack.status === 'error') {
      this.next = Math.min(this.next, seq); // not processed: send again
    } else {
      if (ack.status === 'duplicate') this.duplicates++;
      if (!this.acks.has(seq)) this.acks.set(seq, ack);
      this.markDone(seq);
    }
    this.o.onAck?.();
    this.pump();
  }
}
