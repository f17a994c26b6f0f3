import { describe, expect, it } from '@jest/globals';
import type { PresenceEntry, PresenceStatus } from '@starhold/common';
import { PresenceAnnouncer, type AnnouncerTimers } from '../../src/realtime/presence-announcer.js';

/** Manual time: `advance` fires due timers in order. */
class ManualTimers implements AnnouncerTimers {
  private t = 0;
  private queue: { at: number; fn: () => void; live: boolean }[] = [];
  now(): number {
    return this.t;
  }
  schedule(fn: () => void, ms: number) {
    const item = { at: this.t + ms, fn, live: true };
    this.queue.push(item);
    return {
      cancel: () => {
        item.live = false;
      },
    };
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.queue.filter((q) => q.live && q.at <= end).sort((x, y) => x.at - y.at)[0];
      if (!next) break;
      next.live = false;
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
  get scheduled(): number {
    return this.queue.filter((q) => q.live).length;
  }
}

const entry = (playerId: number, status: PresenceStatus = 'online'): PresenceEntry => ({
  playerId,
  username: `p${playerId}`,
  status,
  lastSeenAt: '2026-01-01T00:00:00.000Z',
});
const setup = (windowMs: number) => {
  const timers = new ManualTimers();
  const sent: PresenceEntry[][] = [];
  const a = new PresenceAnnouncer(windowMs, (e) => sent.push(e), timers);
  const ids = () => sent.map((b) => b.map((e) => `${e.playerId}:${e.status}`));
  return { timers, sent, a, ids };
};

describe('PresenceAnnouncer', () => {
  it('sends a change after a quiet window at once, and holds the next ones until the window ends', () => {
    const { timers, a, ids } = setup(250);
    a.push([entry(1)]);
    expect(ids()).toEqual([['1:online']]);
    timers.advance(100);
    a.push([entry(2)]);
    a.push([entry(3)]);
    expect(ids()).toEqual([['1:online']]);
    timers.advance(149);
    expect(ids()).toEqual([['1:online']]);
    timers.advance(1);
    expect(ids()).toEqual([['1:online'], ['2:online', '3:online']]);
    // Quiet for a whole window: the next change goes at once again.
    timers.advance(250);
    a.push([entry(4)]);
    expect(ids()).toEqual([['1:online'], ['2:online', '3:online'], ['4:online']]);
  });

  it('lists each player once, with its latest status, in the order of their last change', () => {
    const { timers, a, ids } = setup(250);
    a.push([entry(9)]);
    a.push([entry(1), entry(2)]);
    a.push([entry(1, 'away')]);
    a.push([entry(2, 'offline'), entry(3)]);
    timers.advance(250);
    expect(ids()).toEqual([['9:online'], ['1:away', '2:offline', '3:online']]);
  });

  it('sends nothing for an empty push and keeps one timer however many changes arrive', () => {
    const { timers, a, sent } = setup(1_000);
    a.push([]);
    expect(sent).toEqual([]);
    a.push([entry(1)]);
    for (let i = 2; i < 50; i++) a.push([entry(i)]);
    expect(timers.scheduled).toBe(1);
    timers.advance(1_000);
    expect(sent.map((b) => b.length)).toEqual([1, 48]);
  });

  it('flush() sends what is pending now and restarts the window; stop() drops it', () => {
    const { timers, a, ids } = setup(500);
    a.push([entry(1)]);
    a.push([entry(2)]);
    a.flush();
    expect(ids()).toEqual([['1:online'], ['2:online']]);
    expect(timers.scheduled).toBe(0);
    a.push([entry(3)]);
    a.stop();
    timers.advance(10_000);
    expect(ids()).toEqual([['1:online'], ['2:online']]);
  });

  it('with a zero window sends every change at once', () => {
    const { a, ids } = setup(0);
    a.push([entry(1)]);
    a.push([entry(1, 'away'), entry(2)]);
    expect(ids()).toEqual([['1:online'], ['1:away', '2:online']]);
  });
});
