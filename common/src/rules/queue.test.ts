import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_UNIVERSE,
  MAX_QUEUE_LENGTH,
  MAX_SHIPYARD_ORDERS,
  buildingQueueSeconds,
  cancelWithFollowers,
  endInstant,
  hasRoom,
  itemsLeftAt,
  queueTimeline,
  queuedLevel,
  queuedLevels,
  startInstant,
  zeroBuildings,
  zeroResearch,
} from '../index.js';

const item = (id: number, target: string, level: number) => ({ id, target, level });

describe('queued level: the current level plus the queued items of that target', () => {
  const queue = [item(1, 'metalMine', 3), item(2, 'crystalMine', 1), item(3, 'metalMine', 4)];
  it.each([
    ['metalMine', 2, 4], // two queued levels on top of 2
    ['crystalMine', 0, 1],
    ['solarPlant', 5, 5], // nothing queued: the current level
    ['metalMine', 7, 7], // never below the current level
  ] as const)('%s at level %d reaches %d', (target, current, expected) => {
    expect(queuedLevel(current, queue, target)).toBe(expected);
  });

  it('does it for every building (or research) at once and leaves other targets out', () => {
    const levels = queuedLevels({ ...zeroBuildings(), metalMine: 2 }, [...queue, item(4, 'energy', 9)]);
    expect(levels).toEqual({ ...zeroBuildings(), metalMine: 4, crystalMine: 1 });
    expect(queuedLevels(zeroResearch(), [item(1, 'energy', 1), item(2, 'energy', 2)])).toEqual({ ...zeroResearch(), energy: 2 });
  });
});

describe('queue limits', () => {
  it('building/research queues and the shipyard hold five items each', () => {
    expect([MAX_QUEUE_LENGTH, MAX_SHIPYARD_ORDERS]).toEqual([5, 5]);
  });

  it.each([
    [0, MAX_QUEUE_LENGTH, true],
    [4, MAX_QUEUE_LENGTH, true],
    [5, MAX_QUEUE_LENGTH, false], // the sixth is refused
    [6, MAX_QUEUE_LENGTH, false],
    [2, 3, true],
    [3, 3, false],
  ] as const)('%d items, limit %d: room %p', (length, limit, room) => {
    expect(hasRoom(length, limit)).toBe(room);
  });
});

describe('cancel with followers (decisions §6)', () => {
  const queue = [item(1, 'metalMine', 1), item(2, 'crystalMine', 1), item(3, 'metalMine', 2), item(4, 'metalMine', 3), item(5, 'crystalMine', 2)];
  it.each([
    [1, [1, 3, 4], [2, 5]], // the running head and every later level of it
    [3, [3, 4], [1, 2, 5]], // earlier levels stay
    [4, [4], [1, 2, 3, 5]], // the last level alone
    [2, [2, 5], [1, 3, 4]],
  ] as const)('cancelling item %d removes %p and leaves %p', (id, removed, remaining) => {
    const r = cancelWithFollowers(queue, id);
    expect(r?.removed.map((q) => q.id)).toEqual(removed);
    expect(r?.remaining.map((q) => q.id)).toEqual(remaining);
  });

  it('is null for an item that is not in the queue', () => {
    expect(cancelWithFollowers(queue, 99)).toBeNull();
    expect(cancelWithFollowers([], 1)).toBeNull();
  });
});

describe('start and end instants', () => {
  it.each([
    [10_000, 4_000, 10_000], // queued while the one before ran: starts when it ends
    [10_000, 12_000, 12_000], // queued after it ended (its event was not applied yet): when queued
    [Number.NEGATIVE_INFINITY, 7_000, 7_000], // an idle queue starts it at once
  ] as const)('previous end %d, queued at %d: starts at %d', (previousEnd, queuedAt, start) => {
    expect(startInstant(previousEnd, queuedAt)).toBe(start);
  });

  it('ends `seconds` after it starts', () => {
    expect(endInstant(12_000, 30)).toBe(42_000);
  });

  it('each waiting item starts when the previous one ends; started items keep their own instants', () => {
    const timeline = queueTimeline(
      [
        { queuedAt: 0, startsAt: 1_000, endsAt: 31_000 },
        { queuedAt: 2_000, startsAt: null, endsAt: null },
        { queuedAt: 100_000, startsAt: null, endsAt: null }, // queued after the one before ends
      ],
      (i) => [99, 20, 5][i]!,
    );
    expect(timeline).toEqual([
      { startsAt: 1_000, endsAt: 31_000 },
      { startsAt: 31_000, endsAt: 51_000 },
      { startsAt: 100_000, endsAt: 105_000 },
    ]);
    expect(queueTimeline([{ queuedAt: 5_000, startsAt: null, endsAt: null }], () => 2)).toEqual([{ startsAt: 5_000, endsAt: 7_000 }]);
  });

  it.each([
    [0, 3],
    [30_999, 3],
    [31_000, 2],
    [50_999, 2],
    [51_000, 1],
    [105_000, 0],
  ] as const)('at %d ms, %d items are still queued (an item is done at its end)', (at, left) => {
    const timeline = [{ endsAt: 31_000 }, { endsAt: 51_000 }, { endsAt: 105_000 }];
    expect(itemsLeftAt(timeline, at)).toBe(left);
  });

  it('times each building with the robotics and nanite levels the items before it leave', () => {
    const u = DEFAULT_UNIVERSE;
    const queue = [item(1, 'metalMine', 1), item(2, 'roboticsFactory', 1), item(3, 'metalMine', 2), item(4, 'energy', 1)];
    // metalMine 1: 30 s without robotics; robotics 1: 213 s; metalMine 2 with robotics 1: half of 3600·(90+22)/(2500·3) = 26.88 → 26 s
    expect(buildingQueueSeconds(zeroBuildings(), queue, u)).toEqual([30, 213, 26, 0]);
  });
});
