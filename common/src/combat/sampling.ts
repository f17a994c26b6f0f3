import type { Rng } from './rng.js';

// Math functions bound once: under Jest's VM-module sandbox every lookup of the global `Math`
// is slow (the sandbox global is intercepted), which made hot loops ~20× slower in tests.
const { sqrt, log, cos, exp, log1p, floor } = Math;

/**
 * Random variates for the grouped battle engine. Every sampler consumes the generator in a
 * fixed pattern for given arguments, so results are reproducible from the seed.
 *
 * Exactness: binomials with mean (of the rarer outcome) below INVERSION_MEAN are exact
 * (inversion); above it they use the normal approximation with continuity correction, whose
 * error is small next to the spread at those sizes. Negative binomials of fewer than
 * EXACT_GEOMETRIC_SUM trials are an exact sum of geometrics, larger ones normal.
 */

export const INVERSION_MEAN = 40;
export const EXACT_GEOMETRIC_SUM = 256;

const TWO_PI = 2 * Math.PI;

/** A standard normal variate (Box–Muller, one value per two uniforms). */
export function normal(rng: Rng): number {
  const u1 = 1 - rng.next(); // (0, 1]
  const u2 = rng.next();
  return sqrt(-2 * log(u1)) * cos(TWO_PI * u2);
}

function binomialInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const r = p / q;
  const mean = n * p;
  let pk = exp(n * log1p(-p));
  let cdf = pk;
  let k = 0;
  const u = rng.next();
  while (u >= cdf && k < n) {
    pk *= (r * (n - k)) / (k + 1);
    k++;
    cdf += pk;
    // Past the mean the terms only shrink; once they are below rounding, the rest of the mass
    // is below rounding too (guards against a cdf that stops one ulp short of u).
    if (k > mean && pk < 1e-17) break;
  }
  return k;
}

/** Number of successes in `n` independent trials of probability `p` (n a non-negative integer). */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || !(p > 0)) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean < INVERSION_MEAN) return binomialInversion(rng, n, p);
  const sd = sqrt(mean * (1 - p));
  const k = floor(mean + sd * normal(rng) + 0.5);
  return k < 0 ? 0 : k > n ? n : k;
}

/**
 * Failures before the `n`-th success when each trial continues (fails) with probability `c`:
 * the extra shots of `n` rapid-fire chains. Mean n·c/(1−c), variance n·c/(1−c)².
 */
export function negativeBinomial(rng: Rng, n: number, c: number): number {
  if (n <= 0 || !(c > 0)) return 0;
  if (c >= 1) throw new RangeError(`continuation probability must be below 1, got ${c}`);
  if (n < EXACT_GEOMETRIC_SUM) {
    const logC = log(c);
    let total = 0;
    // P(G ≥ k) = c^k for G = floor(ln U / ln c), U uniform in (0, 1].
    for (let i = 0; i < n; i++) total += floor(log(1 - rng.next()) / logC);
    return total;
  }
  const mean = (n * c) / (1 - c);
  const sd = sqrt(n * c) / (1 - c);
  const k = floor(mean + sd * normal(rng) + 0.5);
  return k < 0 ? 0 : k;
}

/**
 * Splits `total` items over categories with the given non-negative weights (a multinomial,
 * drawn as a chain of conditional binomials). Writes the counts into `out` and returns it.
 */
export function multinomial(rng: Rng, total: number, weights: readonly number[], out: number[] = []): number[] {
  out.length = weights.length;
  let last = -1;
  let weightLeft = 0;
  for (let i = 0; i < weights.length; i++) {
    out[i] = 0;
    const w = weights[i] ?? 0;
    if (w > 0) {
      weightLeft += w;
      last = i;
    }
  }
  let left = total;
  for (let i = 0; i < weights.length && left > 0; i++) {
    const w = weights[i] ?? 0;
    if (!(w > 0)) continue;
    if (i === last) {
      out[i] = left;
      break;
    }
    const k = binomial(rng, left, w / weightLeft);
    out[i] = k;
    left -= k;
    weightLeft -= w;
  }
  return out;
}
