import { describe, expect, it } from '@jest/globals';
import { WHEEL_ODDS, WHEEL_OUTCOMES, outcomeFromHmacHex, type WheelOutcome } from '@starhold/common';
import { commitmentOf, drawOutcome, newServerSeed, wheelHmacHex } from '../../src/modules/wheel/seeds.js';
import { sha256Hex, spinHmac } from './support.js';

/** χ² critical value for 3 degrees of freedom at p = 0.001. */
const CHI2_CRITICAL_3DF_P001 = 16.266;

function chiSquare(counts: Record<WheelOutcome, number>, probabilities: Record<WheelOutcome, number>, total: number): number {
  return WHEEL_OUTCOMES.reduce((sum, o) => {
    const expected = total * probabilities[o];
    return sum + (counts[o] - expected) ** 2 / expected;
  }, 0);
}

function tally(outcomes: WheelOutcome[]): Record<WheelOutcome, number> {
  const counts: Record<WheelOutcome, number> = { x2: 0, 'x1.5': 0, 'x1.2': 0, none: 0 };
  for (const o of outcomes) counts[o]++;
  return counts;
}

const ODDS = Object.fromEntries(WHEEL_ODDS.map((o) => [o.outcome, o.probability])) as Record<WheelOutcome, number>;

describe('wheel fairness: the real derivation', () => {
  // A fixed server seed so the run is reproducible; nonces 0..9999 like 10 000 spins with one seed.
  const serverSeed = sha256Hex('starhold chi-square seed');
  const N = 10_000;
  const outcomes = Array.from({ length: N }, (_, nonce) => drawOutcome(serverSeed, 'chi-square-client', nonce));
  const counts = tally(outcomes);

  it('draws 10 000 outcomes whose frequencies fit the published odds (χ², 3 df, p > 0.001)', () => {
    const chi2 = chiSquare(counts, ODDS, N);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(N);
    expect(chi2).toBeLessThan(CHI2_CRITICAL_3DF_P001);
  });

  it('has the power to reject other odds: the same draws do not fit a 25/25/25/25 wheel', () => {
    const flat = { x2: 0.25, 'x1.5': 0.25, 'x1.2': 0.25, none: 0.25 };
    expect(chiSquare(counts, flat, N)).toBeGreaterThan(CHI2_CRITICAL_3DF_P001);
  });

  it('matches an independent HMAC computation, digit for digit', () => {
    for (const nonce of [0, 1, 2, 9_999]) {
      expect(wheelHmacHex(serverSeed, 'chi-square-client', nonce)).toBe(spinHmac(serverSeed, 'chi-square-client', nonce));
      expect(outcomes[nonce]).toBe(outcomeFromHmacHex(spinHmac(serverSeed, 'chi-square-client', nonce)));
    }
  });
});

describe('wheel fairness: seeds and the documented worked example', () => {
  it('makes 64-hex-digit seeds that differ, committed to by SHA-256 of their hex text', () => {
    const a = newServerSeed();
    const b = newServerSeed();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
    expect(commitmentOf(a)).toBe(sha256Hex(a));
    expect(commitmentOf(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  // The numbers printed in docs/lucky-wheel.md: if this fails, fix the docs too.
  it('reproduces the worked example in docs/lucky-wheel.md', () => {
    const seed = '601def6ef7af6699aeffd5ec6c594291733964af266db44433133a6f5efa184f';
    expect(sha256Hex('starhold lucky wheel example')).toBe(seed);
    expect(commitmentOf(seed)).toBe('29d18a025335298a7816ceedc6a49b590fc8e8a0802ed55ab2374e53c3b17438');
    expect(wheelHmacHex(seed, 'my-lucky-seed', 0)).toBe('431a89909024a44aac59383efe9d9267c00cd87792cacb7390b6b2bd6f9fcb73');
    expect(parseInt('431a89909024a', 16)).toBe(1_180_500_098_613_834);
    expect(drawOutcome(seed, 'my-lucky-seed', 0)).toBe('x1.5');
    expect(wheelHmacHex(seed, 'my-lucky-seed', 1).slice(0, 13)).toBe('e7980a989e877');
    expect(drawOutcome(seed, 'my-lucky-seed', 1)).toBe('none');
    expect(wheelHmacHex(seed, 'my-lucky-seed', 5).slice(0, 13)).toBe('0e14b3d56bc6f');
    expect(drawOutcome(seed, 'my-lucky-seed', 5)).toBe('x2');
  });
});
