/**
 * Exact rational arithmetic on bigint, used internally so that every `floor`/`ceil` in
 * the rules is taken on the mathematically exact value. With plain floats,
 * `10 · L · 1.1^L` and friends can land a hair below an integer and floor one unit low,
 * and the result would depend on the engine's `Math.pow`. Not part of the public API.
 */

export interface Ratio {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

export function ratio(n: bigint | number, d: bigint | number = 1n): Ratio {
  const nb = typeof n === 'bigint' ? n : toBigIntStrict(n);
  const db = typeof d === 'bigint' ? d : toBigIntStrict(d);
  if (db === 0n) throw new RangeError('ratio: zero denominator');
  return db < 0n ? { n: -nb, d: -db } : { n: nb, d: db };
}

function toBigIntStrict(x: number): bigint {
  if (!Number.isInteger(x)) throw new RangeError(`ratio: ${x} is not an integer`);
  return BigInt(x);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * The rational a finite number was written as: `1.2` becomes 12/10, not the binary
 * double 1.1999999999999999555910790149937. Uses the shortest round-trip decimal
 * (`String(x)`), so settings like an economy speed of 1.5 or a ×1.2 buff are exact.
 */
export function fromNumber(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`fromNumber: ${x} is not finite`);
  const m = DECIMAL.exec(String(x));
  if (m === null) throw new RangeError(`fromNumber: cannot parse ${x}`);
  const [, sign = '', int = '0', frac = '', exp = '0'] = m;
  const e = Number(exp) - frac.length;
  let n = BigInt(int + frac);
  let d = 1n;
  if (e >= 0) n *= 10n ** BigInt(e);
  else d = 10n ** BigInt(-e);
  return { n: sign === '-' ? -n : n, d };
}

export function mul(...rs: Ratio[]): Ratio {
  let n = 1n;
  let d = 1n;
  for (const r of rs) {
    n *= r.n;
    d *= r.d;
  }
  return { n, d };
}

export function div(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d, a.d * b.n);
}

export function add(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}

/** r^k for a non-negative integer k. */
export function pow(r: Ratio, k: number): Ratio {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`pow: bad exponent ${k}`);
  const e = BigInt(k);
  return { n: r.n ** e, d: r.d ** e };
}

export function floorBig(r: Ratio): bigint {
  const q = r.n / r.d; // truncates toward zero
  return r.n < 0n && q * r.d !== r.n ? q - 1n : q;
}

export function floorOf(r: Ratio): number {
  return Number(floorBig(r));
}

export function ceilOf(r: Ratio): number {
  return Number(-floorBig({ n: -r.n, d: r.d }));
}

/** Nearest integer, halves rounded up (towards +∞), like `Math.round`. */
export function roundOf(r: Ratio): number {
  return Number(floorBig({ n: 2n * r.n + r.d, d: 2n * r.d }));
}

export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.n * b.d;
  const rr = b.n * a.d;
  return l < rr ? -1 : l > rr ? 1 : 0;
}

export function maxRatio(a: Ratio, b: Ratio): Ratio {
  return compare(a, b) >= 0 ? a : b;
}
