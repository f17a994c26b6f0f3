import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { binomial, createRng, multinomial, negativeBinomial, normal } from '../index.js';
import { mean, variance } from '../../test/combat-factories.js';

const SAMPLES = 20_000;

function sample(f: () => number, n = SAMPLES): number[] {
  return Array.from({ length: n }, f);
}

describe('binomial', () => {
  it('handles the edges', () => {
    const rng = createRng(1);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
    expect(binomial(rng, 10, Number.NaN)).toBe(0);
  });

  it('stays an integer in [0, n]', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 1e12 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, n, p) => {
        const k = binomial(createRng(seed), n, p);
        expect(Number.isInteger(k) && k >= 0 && k <= n).toBe(true);
      }),
    );
  });

  // Small means are drawn exactly (inversion), large ones with the normal approximation;
  // p > 0.5 goes through the complement. Mean within 5 standard errors, variance within 8%.
  it.each([
    [10, 0.3],
    [1000, 0.01],
    [200, 0.9],
    [100, 0.35],
    [1_000_000, 0.3],
    [1e9, 1e-6],
    [5000, 0.999],
  ])('Binomial(%p, %p) has the right mean and variance', (n, p) => {
    const rng = createRng(`binomial ${n} ${p}`);
    const xs = sample(() => binomial(rng, n, p));
    const v = n * p * (1 - p);
    expect(Math.abs(mean(xs) - n * p)).toBeLessThan(5 * Math.sqrt(v / SAMPLES));
    expect(Math.abs(variance(xs) / v - 1)).toBeLessThan(0.08);
  });

  it('draws Binomial(5, 0.3) with the exact probabilities', () => {
    const rng = createRng('pmf');
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < SAMPLES; i++) counts[binomial(rng, 5, 0.3)]! += 1;
    const pmf = [0.16807, 0.36015, 0.3087, 0.1323, 0.02835, 0.00243];
    pmf.forEach((p, k) => {
      expect(Math.abs((counts[k] ?? 0) - SAMPLES * p)).toBeLessThan(5 * Math.sqrt(SAMPLES * p * (1 - p)));
    });
  });
});

describe('negativeBinomial', () => {
  it.each([
    [10, 0.9],
    [100, 0.75],
    [5000, 0.5],
    [100_000, 0.9],
  ])('NegBin(%p chains, continue %p) has mean n·c/(1−c)', (n, c) => {
    const rng = createRng(`negbin ${n} ${c}`);
    const xs = sample(() => negativeBinomial(rng, n, c), 2000);
    const m = (n * c) / (1 - c);
    const v = (n * c) / (1 - c) ** 2;
    expect(Math.abs(mean(xs) - m)).toBeLessThan(5 * Math.sqrt(v / 2000));
    expect(Math.abs(variance(xs) / v - 1)).toBeLessThan(0.15);
  });

  it('is 0 without continuation and rejects c ≥ 1', () => {
    expect(negativeBinomial(createRng(1), 100, 0)).toBe(0);
    expect(negativeBinomial(createRng(1), 0, 0.5)).toBe(0);
    expect(() => negativeBinomial(createRng(1), 1, 1)).toThrow(RangeError);
  });
});

describe('multinomial', () => {
  it('splits the whole total and never feeds a zero weight', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }),
        (seed, total, weights) => {
          const out = multinomial(createRng(seed), total, weights);
          expect(out).toHaveLength(weights.length);
          const sum = out.reduce((a, b) => a + b, 0);
          expect(sum).toBe(weights.some((w) => w > 0) ? total : 0);
          out.forEach((k, i) => {
            expect(Number.isInteger(k) && k >= 0).toBe(true);
            if (weights[i] === 0) expect(k).toBe(0);
          });
        },
      ),
    );
  });

  it('shares in proportion to the weights', () => {
    const rng = createRng('multi');
    const sums = [0, 0, 0];
    for (let i = 0; i < 2000; i++)
      multinomial(rng, 100, [1, 3, 6]).forEach((k, j) => {
        sums[j]! += k;
      });
    expect(sums.map((s) => Math.round(s / 2000))).toEqual([10, 30, 60]);
  });
});

describe('normal', () => {
  it('has mean 0 and variance 1', () => {
    const rng = createRng('normal');
    const xs = sample(() => normal(rng));
    expect(Math.abs(mean(xs))).toBeLessThan(5 / Math.sqrt(SAMPLES));
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(0.05);
  });
});
