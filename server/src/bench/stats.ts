/** Statistics over latency samples (pure functions; tested in server/test/bench.test.ts). */

/**
 * The p-th percentile (0 ≤ p ≤ 100) of `xs` by the nearest-rank method: the smallest sample
 * such that at least p % of the samples are ≤ it. NaN for an empty list.
 */
export function percentile(xs: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] ?? Number.NaN;
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Count, mean, p50/p95/p99 and max of a list of samples (NaN fields when empty). */
export function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => (s.length === 0 ? Number.NaN : (s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1] ?? Number.NaN));
  return { n: s.length, mean: mean(s), p50: at(50), p95: at(95), p99: at(99), max: s.length === 0 ? Number.NaN : (s.at(-1) ?? Number.NaN) };
}

/** Least-squares slope of y over x (e.g. heap bytes per connected socket); NaN with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** Splits `total` items into `parts` contiguous ranges whose sizes differ by at most one. */
export function split(total: number, parts: number): { start: number; count: number }[] {
  const out: { start: number; count: number }[] = [];
  const n = Math.max(1, Math.floor(parts));
  let start = 0;
  for (let i = 0; i < n; i++) {
    const count = Math.floor(total / n) + (i < total % n ? 1 : 0);
    out.push({ start, count });
    start += count;
  }
  return out;
}
