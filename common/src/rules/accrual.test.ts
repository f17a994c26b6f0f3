import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MS_PER_HOUR, settleResources, storedResources } from '../index.js';
import type { Resources, StoredResources } from '../index.js';

const H = MS_PER_HOUR;
const BIG = Number.MAX_SAFE_INTEGER;
const only = (metal: number): Resources => ({ metal, crystal: 0, deuterium: 0 });
const store = (amount: number, remainder = 0): StoredResources => ({ amounts: only(amount), remainders: only(remainder) });
const capAt = (metal: number): Resources => ({ metal, crystal: BIG, deuterium: BIG });

describe('settleResources', () => {
  it.each([
    // [amount, remainder, rate/h, cap, elapsed ms, amount after, remainder after]
    [0, 0, 3600, BIG, 1000, 1, 0], // 3600 · 1000 = 3.6e6 → exactly 1 unit
    [0, 0, 1, BIG, 1, 0, 1], // 1 unit·ms pending
    [0, 0, 7, BIG, H, 7, 0],
    [0, 3_599_999, 1, BIG, 1, 1, 0], // the pending fraction completes a unit
    [10, 0, 30, BIG, 90 * 60_000, 55, 0], // 1.5 h at 30/h
    [10, 1_000_000, 100, BIG, 7 * H + 12_345, 710, 2_234_500], // 100 · 12 345 + 1e6 = 2 234 500
    [9990, 0, 3600, 10_000, 20_000, 10_000, 0], // would reach 10 010: stops at the cap
    [9990, 0, 3600, 10_000, 10_000, 10_000, 0], // reaches the cap exactly
    [9990, 500, 3601, 10_000, 20_000, 10_000, 0], // capped: the pending fraction (20 500) is dropped too
    [12_000, 500, 3600, 10_000, H, 12_000, 0], // above the cap after a delivery: kept, no growth
    [10_000, 0, -3600, 10_000, 1000, 9999, 0], // negative rates still drain a full store
    [5, 0, -3600, BIG, 10_000, 0, 0], // would reach −5: stops at 0
    [5, 0, -3601, BIG, 10_000, 0, 0], // would reach −6 + 3 590 000/3.6e6: 0, fraction dropped
    [100, 0, -1000, BIG, 1, 99, 3_599_000], // 100 − 1000/3.6e6 = 99 + 3 599 000/3.6e6
    [0, 0, 1_000_000, BIG, 315_360_000_000, 87_600_000_000, 0], // ten years at 1e6/h, no overflow
    [0, 0, 0, 0, H, 0, 0],
  ])('amount %p (+%p) at %p/h, cap %p, %p ms → %p (+%p)', (amount, rem, rate, cap, ms, after, remAfter) => {
    expect(settleResources(store(amount, rem), only(rate), capAt(cap), ms)).toEqual(store(after, remAfter));
  });

  it('settles each resource on its own', () => {
    const s = { amounts: { metal: 0, crystal: 50, deuterium: 10 }, remainders: { metal: 0, crystal: 0, deuterium: 0 } };
    const r = settleResources(s, { metal: 60, crystal: 120, deuterium: -36 }, { metal: 100, crystal: 60, deuterium: 100 }, H / 2);
    expect(r).toEqual({ amounts: { metal: 30, crystal: 60, deuterium: 0 }, remainders: { metal: 0, crystal: 0, deuterium: 0 } });
  });

  it.each([0, -5])('returns the store unchanged for elapsed %p ms', (ms) => {
    const s = store(10, 123);
    expect(settleResources(s, only(3600), capAt(BIG), ms)).toBe(s);
  });

  it('does not mutate its input', () => {
    const s = store(10, 123);
    settleResources(s, only(3600), capAt(BIG), 5000);
    expect(s).toEqual(store(10, 123));
  });

  it.each([
    ['fractional ms', store(0), only(1), 1.5],
    ['fractional rate', store(0), only(0.5), 1000],
    ['remainder too large', store(0, H), only(1), 1000],
    ['negative remainder', store(0, -1), only(1), 1000],
    ['rate too large for exact math', store(0), only(3e9), 1000],
  ])('rejects %s', (_name, s, rate, ms) => {
    expect(() => settleResources(s, rate, capAt(BIG), ms)).toThrow(RangeError);
  });

  it('storedResources starts with no pending fractions', () => {
    expect(storedResources({ metal: 500, crystal: 500, deuterium: 0 })).toEqual({
      amounts: { metal: 500, crystal: 500, deuterium: 0 },
      remainders: { metal: 0, crystal: 0, deuterium: 0 },
    });
  });
});

describe('settleResources properties', () => {
  const rate = fc.integer({ min: -1_000_000, max: 1_000_000 });
  const remainder = fc.integer({ min: 0, max: H - 1 });
  const steps = fc.array(fc.integer({ min: 0, max: 3 * H }), { minLength: 1, maxLength: 30 });
  const settleAll = (s: StoredResources, r: Resources, caps: Resources, ms: number[]) =>
    ms.reduce((acc, step) => settleResources(acc, r, caps, step), s);

  it('many small settles equal one settle over the same time (no cap or zero hit)', () => {
    fc.assert(
      fc.property(rate, remainder, steps, (r, rem, ms) => {
        const total = ms.reduce((a, b) => a + b, 0);
        // Start high enough that a negative rate cannot reach 0.
        const start = store(Math.abs(r) * 100 + 1, rem);
        const once = settleResources(start, only(r), capAt(BIG), total);
        expect(settleAll(start, only(r), capAt(BIG), ms)).toEqual(once);
      }),
    );
  });

  it('credits exactly rate · ms / 3.6e6 (checked in bigint)', () => {
    fc.assert(
      fc.property(rate, remainder, fc.integer({ min: 0, max: 10_000 * H }), (r, rem, ms) => {
        const amount = Math.abs(r) * 10_001 + 1;
        const after = settleResources(store(amount, rem), only(r), capAt(BIG), ms);
        const before = BigInt(amount) * BigInt(H) + BigInt(rem) + BigInt(r) * BigInt(ms);
        const total = BigInt(after.amounts.metal) * BigInt(H) + BigInt(after.remainders.metal);
        expect(total).toBe(before);
      }),
    );
  });

  it('never grows past the cap, never goes below 0, keeps remainders in [0, 3.6e6)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        remainder,
        rate,
        fc.integer({ min: 0, max: 1_000_000 }),
        steps,
        (amount, rem, r, cap, ms) => {
          let s = store(amount, rem);
          for (const step of ms) {
            const next = settleResources(s, only(r), capAt(cap), step);
            const a = next.amounts.metal;
            const before = s.amounts.metal;
            expect(a).toBeGreaterThanOrEqual(0);
            expect(a).toBeLessThanOrEqual(Math.max(cap, before));
            if (r >= 0) expect(a).toBeGreaterThanOrEqual(before);
            else expect(a).toBeLessThanOrEqual(before);
            expect(Number.isInteger(next.remainders.metal)).toBe(true);
            expect(next.remainders.metal).toBeGreaterThanOrEqual(0);
            expect(next.remainders.metal).toBeLessThan(H);
            s = next;
          }
        },
      ),
    );
  });
});
