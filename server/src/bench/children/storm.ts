import type { Conn } from './conn.js';
import { countReason, wallNow } from './conn.js';

/**
 * Reconnect storm, client side. Each Starhold client has an outbox of `k` commands (seq 1..k,
 * distinct buildings so all are applicable). `fire` emits them all without waiting (the server is
 * killed meanwhile, so some are applied unacknowledged, some in flight, some never arrive).
 * `reconnect` then connects every client at once and runs the documented client procedure:
 * on `hello` drop what `clientCursor` covers and resend the rest in order; a `gap` resends from
 * `expected`; an `error` ack or refused connect retries after a short backoff. A client is done
 * when it is `synced` and its outbox is empty. Bare clients are done when connected.
 */

const BUILDINGS = ['metalMine', 'crystalMine', 'deuteriumSynthesizer', 'solarPlant', 'roboticsFactory'] as const;

export interface StormResult {
  /** Clients done, and when the last one got done (ms after `reconnect` started). */
  done: number;
  clients: number;
  lastDoneMs: number;
  /** Per-client time to done, ms. */
  times: number[];
  duplicates: number;
  resends: number;
  connectErrors: Record<string, number>;
  /** Commands each client sent and had acknowledged as applied or duplicate. */
  acked: number;
  /** clientIds of clients not done when the time ran out (their commands are still in their outboxes). */
  unfinished: string[];
  /** clientIds of clients done (outbox empty, synced): the ones the loss audit covers. */
  finished: string[];
}

interface Outbox {
  pending: Set<number>;
  doneAt: number | undefined;
}

export class Storm {
  private readonly boxes = new Map<Conn, Outbox>();

  constructor(
    private readonly conns: readonly Conn[],
    private readonly k: number,
  ) {
    for (const c of conns) this.boxes.set(c, { pending: new Set(Array.from({ length: k }, (_, i) => i + 1)), doneAt: undefined });
  }

  private envelope(c: Conn, seq: number) {
    return {
      clientId: c.spec.clientId,
      seq,
      type: 'buildings.upgrade',
      payload: { planetId: c.spec.planetId, building: BUILDINGS[(seq - 1) % BUILDINGS.length] },
    };
  }

  /** Emits every outbox command on the live connection (acks that still arrive empty the outbox). */
  fire(): number {
    let n = 0;
    for (const c of this.conns) {
      if (c.protocol !== 'starhold' || !c.socket.connected) continue;
      for (let seq = 1; seq <= this.k; seq++) {
        const box = this.boxes.get(c)!;
        c.socket.emit('command', this.envelope(c, seq), (a: { status: string }) => {
          if (a.status === 'applied' || a.status === 'duplicate') box.pending.delete(seq);
        });
        n++;
      }
    }
    return n;
  }

  async reconnect(timeoutMs: number): Promise<StormResult> {
    const t0 = wallNow();
    const r: StormResult = {
      done: 0,
      clients: this.conns.length,
      lastDoneMs: 0,
      times: [],
      duplicates: 0,
      resends: 0,
      connectErrors: {},
      acked: 0,
      unfinished: [],
      finished: [],
    };
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const check = (c: Conn) => {
        const box = this.boxes.get(c)!;
        const ready = c.protocol === 'bare' ? c.socket.connected : c.synced;
        if (box.doneAt !== undefined || !ready || box.pending.size > 0) return;
        box.doneAt = wallNow() - t0;
        r.done++;
        r.times.push(Math.round(box.doneAt * 10) / 10);
        r.lastDoneMs = Math.max(r.lastDoneMs, box.doneAt);
        if (r.done === this.conns.length) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const c of this.conns) this.wire(c, r, check);
      for (const c of this.conns) c.socket.connect();
    });
    for (const [c, box] of this.boxes) (box.doneAt === undefined ? r.unfinished : r.finished).push(c.spec.clientId);
    return r;
  }

  private wire(c: Conn, r: StormResult, check: (c: Conn) => void): void {
    const box = this.boxes.get(c)!;
    const s = c.socket;
    s.removeAllListeners('connect_error');
    s.on('connect_error', (e: Error) => {
      countReason(r.connectErrors, e);
      setTimeout(() => s.connect(), 100 + Math.random() * 400);
    });
    s.on('connect', () => check(c));
    s.on('synced', () => check(c));
    const send = (seq: number) => {
      s.emit('command', this.envelope(c, seq), (a: { status: string; expected?: number }) => {
        if (a.status === 'applied' || a.status === 'duplicate') {
          if (a.status === 'duplicate') r.duplicates++;
          if (box.pending.delete(seq)) r.acked++;
          check(c);
        } else if (a.status === 'gap' && typeof a.expected === 'number') {
          r.resends++;
          for (const q of [...box.pending].sort((x, y) => x - y)) if (q >= a.expected) send(q);
        } else if (a.status === 'error') {
          r.resends++;
          setTimeout(() => {
            if (s.connected) send(seq);
          }, 200);
        } else {
          box.pending.delete(seq); // rejected: a final answer (cannot happen with the seeded resources)
          check(c);
        }
      });
    };
    s.on('hello', (h: { clientCursor: number }) => {
      for (const q of [...box.pending]) if (q <= h.clientCursor) box.pending.delete(q);
      for (const q of [...box.pending].sort((x, y) => x - y)) send(q);
      check(c);
    });
  }
}
