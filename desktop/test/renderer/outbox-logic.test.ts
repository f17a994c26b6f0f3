import { describe, expect, it } from '@jest/globals';
import { isOutboxSnapshot } from '../../src/shared/outbox-types.js';
import { ackThrough, emptySnapshot, enqueue, newClientId, removeSeq, renumberFrom, withLastEventSeq } from '../../src/renderer/sync/outbox-logic.js';

const queued = (n: number) => {
  let s = emptySnapshot('client-aaaaaaaa');
  for (let i = 0; i < n; i++) s = enqueue(s, 'buildings.upgrade', { planetId: 1, building: 'metalMine' }, 1000 + i).snapshot;
  return s;
};

describe('outbox transitions', () => {
  it("gives commands consecutive seqs from 1 under the snapshot's clientId", () => {
    const s = queued(3);
    expect(s.commands.map((c) => [c.clientId, c.seq])).toEqual([
      ['client-aaaaaaaa', 1],
      ['client-aaaaaaaa', 2],
      ['client-aaaaaaaa', 3],
    ]);
    expect(s.nextSeq).toBe(4);
    expect(isOutboxSnapshot(s)).toBe(true);
  });

  it.each([
    [0, [1, 2, 3], 4],
    [2, [3], 4],
    [3, [], 4],
    // A cursor beyond our counter (another install restored this scope): never reuse a seq.
    [7, [], 8],
  ])('ackThrough(%i) keeps %j and moves nextSeq to %i', (cursor, kept, next) => {
    const r = ackThrough(queued(3), cursor);
    expect(r.snapshot.commands.map((c) => c.seq)).toEqual(kept);
    expect(r.snapshot.nextSeq).toBe(next);
    expect(r.dropped.length).toBe(3 - kept.length);
  });

  it('returns the same snapshot when nothing changes (no needless write)', () => {
    const s = queued(2);
    expect(ackThrough(s, 0).snapshot).toBe(s);
    expect(withLastEventSeq(s, 0)).toBe(s);
  });

  it('removes one answered command', () => {
    expect(removeSeq(queued(3), 2).commands.map((c) => c.seq)).toEqual([1, 3]);
  });

  it('renumbers pending commands from the seq the server expects, keeping their order', () => {
    const s = ackThrough(queued(5), 2).snapshot; // pending 3, 4, 5
    const r = renumberFrom(s, 2);
    expect(r.commands.map((c) => c.seq)).toEqual([2, 3, 4]);
    expect(r.commands.map((c) => c.queuedAt)).toEqual(s.commands.map((c) => c.queuedAt));
    expect(r.nextSeq).toBe(5);
  });

  it('never moves lastEventSeq backwards', () => {
    const s = withLastEventSeq(queued(0), 9);
    expect(withLastEventSeq(s, 4).lastEventSeq).toBe(9);
    expect(withLastEventSeq(s, 10).lastEventSeq).toBe(10);
  });

  it("makes client ids in the server's alphabet", () => {
    const id = newClientId((n) => Uint8Array.from({ length: n }, (_, i) => i * 37));
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(id).toHaveLength(22);
  });

  it.each([
    ['a number', 42],
    ['a snapshot without commands', { version: 1, clientId: 'x', nextSeq: 1, lastEventSeq: 0 }],
    [
      'a command without seq',
      { version: 1, clientId: 'x', nextSeq: 1, lastEventSeq: 0, commands: [{ clientId: 'x', type: 't', payload: 1, queuedAt: 1 }] },
    ],
    ['another version', { version: 2, clientId: 'x', nextSeq: 1, lastEventSeq: 0, commands: [] }],
  ])('does not take %s for a snapshot', (_what, x) => {
    expect(isOutboxSnapshot(x)).toBe(false);
  });
});
