import type { StreamEventMessage, SyncedMessage } from '@starhold/common';
import type { Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import type { StreamEvent } from '../modules/stream/stream.js';
import { needsSnapshot, readEvents } from './replay.js';
import { buildSnapshot } from './snapshot.js';
import { playerRoom, type GatewayServer, type GatewaySocket } from './types.js';

const PAGE = 500;

/**
 * Delivery state of one player on this node. Every step (live push, socket catch-up) runs in
 * one serial chain, so the room `player:<id>` only ever sees contiguous seqs in order.
 */
interface Channel {
  playerId: number;
  room: string;
  /** Highest seq emitted to the room; the room's sockets have everything up to it. */
  delivered: number;
  /** Sockets attached or attaching. */
  members: number;
  tail: Promise<unknown>;
}

/** `test.*` events (the tests' own types) travel like the others; clients skip types they do not know. */
function toMessage(e: StreamEvent): StreamEventMessage {
  return { seq: e.seq, type: e.type, data: e.data, at: e.at } as StreamEventMessage;
}

/**
 * Ordered, duplicate-free stream delivery. A connecting socket is caught up (snapshot and/or
 * replay from the table) inside the player's chain and joins the room only then; live events
 * queued meanwhile run after it and skip seqs the room already has. A live batch that is not
 * contiguous with what the room has (commits published out of order) is filled from the table:
 * seq N is only allocated after N-1 committed (the player row lock), so the gap is readable.
 */
export class PlayerChannels {
  private readonly channels = new Map<number, Channel>();

  constructor(
    private readonly io: GatewayServer,
    private readonly s: Services,
    private readonly metrics: Metrics,
  ) {}

  /** StreamBus listener: committed events of any player. */
  publish(events: readonly StreamEvent[]): void {
    const byPlayer = new Map<number, StreamEvent[]>();
    for (const e of events) {
      if (!this.channels.has(e.playerId)) continue;
      const list = byPlayer.get(e.playerId) ?? [];
      list.push(e);
      byPlayer.set(e.playerId, list);
    }
    for (const [playerId, list] of byPlayer) {
      const ch = this.channels.get(playerId);
      if (ch) void this.run(ch, () => this.live(ch, list)); // a failed step is logged by `run`
    }
  }

  /**
   * Catches `socket` up from `lastSeq` (a snapshot first when needed) once `ready` resolved, then
   * joins it to the player's room. Resolves with what `synced` announced, or null if the socket left.
   */
  attach(socket: GatewaySocket, lastSeq: number | undefined, ready: Promise<unknown>): Promise<SyncedMessage | null> {
    const playerId = socket.data.playerId;
    let ch = this.channels.get(playerId);
    if (!ch) {
      ch = { playerId, room: playerRoom(playerId), delivered: 0, members: 0, tail: Promise.resolve() };
      this.channels.set(playerId, ch);
    }
    ch.members++;
    const channel = ch;
    return this.run(channel, async () => {
      await ready;
      return this.catchUp(channel, socket, lastSeq);
    });
  }

  /** A socket of this player disconnected (attached or not). */
  detach(playerId: number): void {
    const ch = this.channels.get(playerId);
    if (!ch) return;
    ch.members--;
    if (ch.members > 0) return;
    // Not awaited: `run` logs a failed step (the channel's tail catches it).
    void this.run(ch, async () => {
      if (ch.members === 0 && this.channels.get(playerId) === ch) this.channels.delete(playerId);
    });
  }

  /** Waits for every queued step (shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.channels.values()].map((c) => c.tail));
  }

  private run<T>(ch: Channel, step: () => Promise<T>): Promise<T> {
    const next = ch.tail.then(step);
    ch.tail = next.catch((e: unknown) => this.s.logger.warn({ err: e, playerId: ch.playerId }, 'stream delivery step failed'));
    return next;
  }

  private roomSize(ch: Channel): number {
    return this.io.of('/').adapter.rooms.get(ch.room)?.size ?? 0;
  }

  private emitToRoom(ch: Channel, m: StreamEventMessage): void {
    this.io.local.to(ch.room).emit('event', m);
    ch.delivered = m.seq;
  }

  private async live(ch: Channel, events: StreamEvent[]): Promise<void> {
    if (this.roomSize(ch) === 0) return; // nobody attached yet: a catch-up reads the table
    const fresh = events.filter((e) => e.seq > ch.delivered).sort((a, b) => a.seq - b.seq);
    const last = fresh.at(-1);
    if (!last) return;
    const contiguous = fresh.every((e, i) => e.seq === ch.delivered + 1 + i);
    const batch = contiguous ? fresh.map(toMessage) : await readEvents(this.s, ch.playerId, ch.delivered, last.seq - ch.delivered);
    for (const m of batch) {
      if (m.seq <= ch.delivered || m.seq > last.seq) continue;
      this.emitToRoom(ch, m);
      this.metrics.liveEvents.inc();
    }
  }

  private async catchUp(ch: Channel, socket: GatewaySocket, lastSeq: number | undefined): Promise<SyncedMessage | null> {
    if (!socket.connected) return null;
    const s = this.s;
    let at: number;
    if (await needsSnapshot(s, ch.playerId, lastSeq, s.clock.now())) at = await this.sendSnapshot(socket);
    else at = lastSeq ?? 0;
    const roomHasSockets = this.roomSize(ch) > 0;
    if (!roomHasSockets) ch.delivered = 0;
    let cursor = roomHasSockets ? Math.min(at, ch.delivered) : at;
    let replayed = 0;
    for (;;) {
      const page = await readEvents(s, ch.playerId, cursor, PAGE);
      for (const m of page) {
        if (roomHasSockets && m.seq > ch.delivered) this.emitToRoom(ch, m);
        if (m.seq > at) {
          // The next event this socket needs was pruned under us: resync it with a snapshot.
          if (m.seq !== at + 1) at = Math.max(at, await this.sendSnapshot(socket));
          if (m.seq === at + 1) {
            socket.emit('event', m);
            at = m.seq;
            replayed++;
          }
        }
        cursor = m.seq;
      }
      if (page.length < PAGE) break;
    }
    this.metrics.replayedEvents.inc(replayed);
    if (!socket.connected) return null;
    ch.delivered = Math.max(ch.delivered, at);
    await socket.join(ch.room);
    const synced: SyncedMessage = { lastSeq: at, replayed };
    socket.emit('synced', synced);
    return synced;
  }

  private async sendSnapshot(socket: GatewaySocket): Promise<number> {
    const snap = await buildSnapshot(this.s, socket.data.playerId);
    socket.emit('snapshot', snap);
    this.metrics.snapshots.inc();
    return snap.lastSeq;
  }
}
