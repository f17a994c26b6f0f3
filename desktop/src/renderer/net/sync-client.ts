import type {
  CommandAck,
  CommandEnvelope,
  CommandOutcome,
  HelloMessage,
  PresenceEntry,
  SnapshotMessage,
  StreamEventMessage,
  SyncedMessage,
} from '@starhold/common';
import type { OutboxCommand, OutboxSnapshot, OutboxStorage } from '../../shared/outbox-types.js';
import { ackThrough, emptySnapshot, enqueue, removeSeq, renumberFrom, withLastEventSeq } from '../sync/outbox-logic.js';
import type { ConnectionState, HandshakeParams, Transport } from './transport.js';

/** Where the SyncClient reports; the app wires these to store actions. */
export interface SyncSink {
  outbox(commands: OutboxCommand[]): void;
  connection(patch: {
    state?: ConnectionState;
    attempts?: number;
    transport?: string;
    latencyMs?: number;
    lastSyncAt?: number;
    error?: string | null;
  }): void;
  hello(h: HelloMessage): void;
  snapshot(m: SnapshotMessage): void;
  event(e: StreamEventMessage): void;
  synced(m: SyncedMessage): void;
  presence(changes: PresenceEntry[]): void;
  /** The server's final answer to a queued command (applied, rejected or duplicate). */
  answered(command: OutboxCommand, outcome: CommandOutcome): void;
  authProblem(code: string, message: string): void;
}

export interface SyncClientDeps {
  storage: OutboxStorage;
  transport: Transport;
  sink: SyncSink;
  newClientId: () => string;
  token: () => string | null;
  now?: () => number;
  /** Pause before retrying a command the server could not process (transient failure). */
  retryDelayMs?: (attempt: number) => number;
}

/**
 * The client side of exactly-once: the durable outbox, sending it in order, and the ordered
 * event stream. Commands are persisted before anything else; on `hello` the ones the server
 * already applied (`clientCursor`) are dropped and the rest are sent one at a time, each
 * waiting for its answer, so the server always sees seqs in order.
 */
export class SyncClient {
  private snap: OutboxSnapshot | null = null;
  private scope = '';
  private writes: Promise<unknown> = Promise.resolve();
  private ready = false;
  private flushing = false;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  /** Stream seq applied in this session; null until the first snapshot/replay (then "no state"). */
  private appliedSeq: number | null = null;
  private stopped = true;

  constructor(private readonly deps: SyncClientDeps) {}

  get snapshot(): OutboxSnapshot | null {
    return this.snap;
  }

  /** Loads (or creates) the outbox of `scope`. `haveState` = the app restored state matching lastEventSeq. */
  async open(scope: string, haveState = false): Promise<OutboxSnapshot> {
    this.scope = scope;
    const loaded = await this.deps.storage.load(scope);
    this.snap = loaded ?? emptySnapshot(this.deps.newClientId());
    if (!loaded) await this.deps.storage.save(scope, this.snap);
    this.appliedSeq = haveState && this.snap.lastEventSeq > 0 ? this.snap.lastEventSeq : null;
    this.deps.sink.outbox(this.snap.commands);
    return this.snap;
  }

  start(): void {
    if (!this.snap) throw new Error('open() the outbox first');
    this.stopped = false;
    const sink = this.deps.sink;
    this.deps.transport.connect(
      {
        state: (state, info) => {
          if (state !== 'connected') this.ready = false;
          sink.connection({ state, attempts: info.attempts, transport: info.transport, error: info.error ?? null });
        },
        hello: (h) => {
          this.onHello(h).catch(warnStalled);
        },
        snapshot: (m) => this.onSnapshot(m),
        event: (e) => this.onEvent(e),
        synced: (m) => {
          sink.connection({ lastSyncAt: (this.deps.now ?? Date.now)() });
          sink.synced(m);
        },
        presence: (changes) => sink.presence(changes),
        latency: (ms) => sink.connection({ latencyMs: ms }),
        authProblem: (code, message) => sink.authProblem(code, message),
      },
      (): HandshakeParams => ({ token: this.deps.token(), clientId: this.snap!.clientId, lastSeq: this.appliedSeq }),
    );
  }

  stop(): void {
    this.stopped = true;
    this.ready = false;
    clearTimeout(this.retryTimer);
    this.deps.transport.disconnect();
  }

  /** Reconnect now (after a token refresh); the handshake carries the new token. */
  reconnect(): void {
    if (!this.stopped) this.deps.transport.reconnect();
  }

  setIdle(idle: boolean): void {
    this.deps.transport.setIdle(idle);
  }

  /** Queues a command: persisted first, then shown, then sent when possible. */
  async enqueue(type: string, payload: unknown): Promise<OutboxCommand> {
    const command = await this.mutate((s) => {
      const r = enqueue(s, type, payload, (this.deps.now ?? Date.now)());
      return [r.snapshot, r.command];
    });
    this.flush().catch(warnStalled);
    return command;
  }

  /** Serializes snapshot changes: compute, persist, then publish. */
  private mutate<T>(change: (s: OutboxSnapshot) => [OutboxSnapshot, T]): Promise<T> {
    const run = async (): Promise<T> => {
      if (!this.snap) throw new Error('outbox is not open');
      const [next, value] = change(this.snap);
      if (next !== this.snap) {
        await this.deps.storage.save(this.scope, next);
        const commandsChanged = next.commands !== this.snap.commands;
        this.snap = next;
        if (commandsChanged) this.deps.sink.outbox(next.commands);
      }
      return value;
    };
    const p = this.writes.then(run, run);
    this.writes = p.catch(() => undefined);
    return p;
  }

  private async onHello(h: HelloMessage): Promise<void> {
    this.deps.sink.hello(h);
    await this.mutate((s) => [ackThrough(s, h.clientCursor).snapshot, undefined]);
    this.ready = true;
    this.failures = 0;
    this.flush().catch(warnStalled);
  }

  private onSnapshot(m: SnapshotMessage): void {
    this.deps.sink.snapshot(m);
    this.appliedSeq = m.lastSeq;
    this.mutate((s) => [withLastEventSeq({ ...s, lastEventSeq: 0 }, m.lastSeq), undefined]).catch(warnUnsaved);
  }

  private onEvent(e: StreamEventMessage): void {
    const applied = this.appliedSeq ?? 0;
    if (e.seq <= applied) return; // already applied (a replay overlapping a live push)
    if (this.appliedSeq !== null && e.seq > applied + 1) {
      // A hole in the stream: reconnect with our seq, the server replays what is missing.
      this.deps.transport.reconnect();
      return;
    }
    this.deps.sink.event(e);
    this.appliedSeq = e.seq;
    this.mutate((s) => [withLastEventSeq(s, e.seq), undefined]).catch(warnUnsaved);
  }

  /** Sends pending commands in order while connected; one in flight at a time. */
  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        while (this.ready && !this.stopped) {
          await this.writes;
          const cmd = this.snap?.commands[0];
          if (!cmd) break;
          let ack: CommandAck;
          try {
            ack = await this.deps.transport.sendCommand(envelopeOf(cmd));
          } catch {
            break; // connection lost: the next hello resumes
          }
          if (!(await this.settle(cmd, ack))) break;
        }
      } while (this.again && this.ready && !this.stopped);
    } finally {
      this.flushing = false;
    }
  }

  /** Applies the server's answer; false when sending should pause. */
  private async settle(cmd: OutboxCommand, ack: CommandAck): Promise<boolean> {
    switch (ack.status) {
      case 'applied':
      case 'rejected':
      case 'duplicate':
        await this.mutate((s) => [removeSeq(s, cmd.seq), undefined]);
        this.failures = 0;
        this.deps.sink.answered(cmd, ack);
        return true;
      case 'gap':
        await this.mutate((s) => [ack.expected < (s.commands[0]?.seq ?? ack.expected) ? renumberFrom(s, ack.expected) : s, undefined]);
        return true;
      case 'error': {
        // Not processed at all (database down, rate limited, token expired): the cursor is
        // untouched, so the same seq is retried later.
        if (ack.error.code === 'AUTH_EXPIRED' || ack.error.code === 'UNAUTHENTICATED' || ack.error.code === 'AUTH_INVALID') {
          this.deps.sink.authProblem(ack.error.code, ack.error.message);
          return false;
        }
        this.failures += 1;
        const wait = (this.deps.retryDelayMs ?? backoffMs)(this.failures);
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.flush().catch(warnStalled), wait);
        return false;
      }
    }
  }
}

/** Sending stops at a failed outbox write; the next hello or command starts it again. */
function warnStalled(e: unknown): void {
  console.warn('outbox: sending stopped', e);
}

/** A lost stream position only costs a longer replay after the next reload. */
function warnUnsaved(e: unknown): void {
  console.warn('outbox: could not save the stream position', e);
}

function envelopeOf(c: OutboxCommand): CommandEnvelope {
  return { clientId: c.clientId, seq: c.seq, type: c.type, payload: c.payload };
}

/** Exponential backoff with full jitter, capped at 10 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(10_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
