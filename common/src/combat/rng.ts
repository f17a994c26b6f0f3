/**
 * A small seedable generator: xoshiro128** (Blackman & Vigna), 128 bits of state, 32-bit
 * integer arithmetic only, so the same seed gives the same stream on every JavaScript engine.
 * Not cryptographic: it drives battles, whose seeds are stored with their reports so they can
 * be replayed.
 */

export type Seed = number | string;

/** The source of randomness every combat function takes. */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32: spreads one 32-bit word into a well-mixed one (used only for seeding). */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Four 32-bit words from a string (cyrb128: four interleaved murmur-style lanes). */
function hashString(s: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** The four seed words: a string is hashed; a number must be a non-negative safe integer. */
function seedWords(seed: Seed): [number, number, number, number] {
  if (typeof seed === 'string') return hashString(seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`a numeric seed must be a non-negative safe integer, got ${seed}`);
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  // Numeric and string seeds draw from different word patterns, so 7 and "7" differ.
  return [lo, hi, 0x6a09e667, 0xbb67ae85];
}

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Raw state, for checking the generator against its reference vectors. */
  static fromState(state: readonly [number, number, number, number]): Xoshiro128 {
    const g = new Xoshiro128([0, 0, 0, 0]);
    [g.s0, g.s1, g.s2, g.s3] = state;
    return g;
  }

  constructor(words: readonly [number, number, number, number]) {
    // Each state word mixes all seed words, so nearby seeds give unrelated streams.
    let x = splitmix32(words[0] ^ splitmix32(words[1] ^ splitmix32(words[2] ^ splitmix32(words[3]))));
    this.s0 = x;
    x = splitmix32(x ^ words[1]);
    this.s1 = x;
    x = splitmix32(x ^ words[2]);
    this.s2 = x;
    x = splitmix32(x ^ words[3]);
    this.s3 = x;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  nextUint32(): number {
    // s1·5, rotated, ·9 (mod 2³²), with shifts and adds: no global `Math` lookup in the
    // hottest function (slow under Jest's VM-module sandbox, see sampling.ts).
    const s1 = this.s1;
    const m = (s1 + (s1 << 2)) | 0;
    const r = (m << 7) | (m >>> 25);
    const result = (r + (r << 3)) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  next(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }
}

/** A generator seeded from a non-negative safe integer or any string. */
export function createRng(seed: Seed): Rng {
  return new Xoshiro128(seedWords(seed));
}

/** The bare xoshiro128** on a given state (tests compare it with the reference implementation). */
export function xoshiro128FromState(state: readonly [number, number, number, number]): Rng {
  return Xoshiro128.fromState(state);
}
