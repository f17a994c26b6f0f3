import type { Conn } from './conn.js';

/**
 * Command load over connected sockets. Starhold clients alternate `buildings.upgrade` (metal mine)
 * and `buildings.cancel` of the item the last upgrade created, so nearly every command is applied
 * and writes real rows (cursor, command log, planet, queue item, scheduled event, stream event).
 * Bare clients send `command {id}` (one single-row UPDATE on the baseline server).
 */

interface ClientState {
  seq: number;
  /** Queue items created by applied upgrades and not cancelled yet. */
  items: number[];
}

export interface DriveResult {
  /** Ack latencies in ms (open loop: from the scheduled send instant, so stalls count in full). */
  latencies: number[];
  sent: number;
  acked: number;
  statuses: Record<string, number>;
  elapsedMs: number;
}

type Ack = { status: string; result?: { queueItem?: { id: number }; cancelled?: number[] }; expected?: number; error?: { code: string } };

export class Driver {
  private readonly state = new Map<Conn, ClientState>();
  constructor(private readonly conns: readonly Conn[]) {
    for (const c of conns) this.state.set(c, { seq: 0, items: [] });
  }

  /** Starts the cursor of every Starhold client at the given seq (0 for a fresh clientId). */
  private send(c: Conn, onAck: (a: Ack) => void): void {
    if (c.protocol === 'bare') {
      c.socket.emit('command', { id: c.spec.counterId }, onAck);
      return;
    }
    const st = this.state.get(c)!;
    const seq = ++st.seq;
    const itemId = st.items.shift();
    const base = { clientId: c.spec.clientId, seq };
    const envelope =
      itemId === undefined
        ? { ...base, type: 'buildings.upgrade', payload: { planetId: c.spec.planetId, building: 'metalMine' } }
        : { ...base, type: 'buildings.cancel', payload: { planetId: c.spec.planetId, queueItemId: itemId } };
    c.socket.emit('command', envelope, (a: Ack) => {
      if (a.status === 'applied' && a.result?.queueItem) st.items.push(a.result.queueItem.id);
      // A cancel also removes later levels of the same building: forget those ids too.
      if (a.status === 'applied' && a.result?.cancelled) st.items = st.items.filter((id) => !a.result?.cancelled?.includes(id));
      if (a.status === 'gap' && typeof a.expected === 'number') st.seq = a.expected - 1;
      onAck(a);
    });
  }

  /**
   * Open loop: `rate` commands/s in total, round-robin over the clients, for `durationMs`. Acks
   * still missing `graceMs` after the last send count with the time waited so far (a lower bound),
   * so an overloaded server cannot look fast by leaving its slowest answers out.
   */
  open(rate: number, durationMs: number, graceMs: number): Promise<DriveResult> {
    const r: DriveResult = { latencies: [], sent: 0, acked: 0, statuses: {}, elapsedMs: 0 };
    const live = this.conns.filter((c) => c.socket.connected);
    const total = Math.floor((rate * durationMs) / 1000);
    if (live.length === 0 || total === 0) return Promise.resolve(r);
    const t0 = performance.now();
    const pending = new Set<number>();
    return new Promise((resolve) => {
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        const now = performance.now();
        for (const i of pending) r.latencies.push(Math.round((now - (t0 + (i * 1000) / rate)) * 100) / 100);
        if (pending.size > 0) r.statuses.unanswered = pending.size;
        r.elapsedMs = now - t0;
        resolve(r);
      };
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
        while (r.sent < due) {
          const i = r.sent++;
          const scheduled = t0 + (i * 1000) / rate;
          pending.add(i);
          this.send(live[i % live.length]!, (a) => {
            if (finished) return;
            pending.delete(i);
            r.acked++;
            const key = a.error ? `${a.status}:${a.error.code}` : a.status;
            r.statuses[key] = (r.statuses[key] ?? 0) + 1;
            r.latencies.push(Math.round((performance.now() - scheduled) * 100) / 100);
            if (r.acked === total) finish();
          });
        }
        if (r.sent < total) setTimeout(tick, 1);
        else setTimeout(finish, graceMs).unref();
      };
      tick();
    });
  }

  /** Closed loop: every client keeps `window` commands in flight for `durationMs`; measures throughput. */
  closed(window: number, durationMs: number): Promise<DriveResult> {
    const r: DriveResult = { latencies: [], sent: 0, acked: 0, statuses: {}, elapsedMs: 0 };
    const live = this.conns.filter((c) => c.socket.connected);
    const t0 = performance.now();
    const end = t0 + durationMs;
    return new Promise((resolve) => {
      let inFlight = 0;
      const pump = (c: Conn) => {
        if (performance.now() >= end) {
          if (inFlight === 0) {
            r.elapsedMs = performance.now() - t0;
            resolve(r);
          }
          return;
        }
        const sentAt = performance.now();
        r.sent++;
        inFlight++;
        this.send(c, (a) => {
          inFlight--;
          r.acked++;
          const key = a.error ? `${a.status}:${a.error.code}` : a.status;
          r.statuses[key] = (r.statuses[key] ?? 0) + 1;
          r.latencies.push(Math.round((performance.now() - sentAt) * 100) / 100);
          pump(c);
        });
      };
      if (live.length === 0) resolve(r);
      for (const c of live) for (let w = 0; w < window; w++) pump(c);
    });
  }
}
