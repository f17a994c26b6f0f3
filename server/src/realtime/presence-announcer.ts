import type { PresenceEntry } from '@starhold/common';

export interface AnnouncerTimers {
  now(): number;
  schedule(fn: () => void, ms: number): { cancel(): void };
}

const realTimers: AnnouncerTimers = {
  now: () => performance.now(),
  schedule(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * Coalesces presence changes into batches: at most one `presence` message per window goes to the
 * universe. A change after a quiet window goes out at once (leading edge); changes during a window
 * wait for its end and go out together, each player once with its latest status (trailing edge).
 * A login wave of n players then costs (waves × n) socket writes instead of n²/2.
 * `windowMs` 0 sends every change at once.
 */
export class PresenceAnnouncer {
  private readonly pending = new Map<number, PresenceEntry>();
  private timer: { cancel(): void } | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs: number,
    private readonly send: (entries: PresenceEntry[]) => void,
    private readonly timers: AnnouncerTimers = realTimers,
  ) {}

  push(entries: readonly PresenceEntry[]): void {
    for (const e of entries) {
      this.pending.delete(e.playerId); // re-insert: the batch lists players in the order they last changed
      this.pending.set(e.playerId, e);
    }
    if (this.pending.size === 0 || this.timer) return;
    const wait = this.lastFlushAt + this.windowMs - this.timers.now();
    if (wait <= 0) this.flush();
    else this.timer = this.timers.schedule(() => this.flush(), wait);
  }

  /** Sends whatever is pending now (also used on shutdown and by the gateway's sweep). */
  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.lastFlushAt = this.timers.now();
    this.send(batch);
  }

  /** Drops pending changes and the timer (the gateway is stopping; nobody is left to tell). */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.pending.clear();
  }
}
