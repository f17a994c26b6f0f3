import type { Resources } from './ids.js';

/**
 * The lucky wheel's numbers and its draw. The draw itself needs HMAC-SHA256, which is not
 * pure code here: the server computes it with node:crypto, a client with WebCrypto, and both
 * hand the hex digest to `outcomeFromHmacHex`. See docs/lucky-wheel.md for the procedure.
 */

/** What one spin costs, taken from the chosen planet. */
export const WHEEL_COST: Readonly<Resources> = Object.freeze({ metal: 1000, crystal: 500, deuterium: 200 });

export const WHEEL_OUTCOMES = ['x2', 'x1.5', 'x1.2', 'none'] as const;
export type WheelOutcome = (typeof WHEEL_OUTCOMES)[number];

/** Production multiplier a spin's outcome grants on the planet's mines (1 = no buff). */
export const WHEEL_MULTIPLIER: Readonly<Record<WheelOutcome, number>> = Object.freeze({
  x2: 2,
  'x1.5': 1.5,
  'x1.2': 1.2,
  none: 1,
});

export interface WheelOdds {
  outcome: WheelOutcome;
  multiplier: number;
  probability: number;
  /** The outcome is drawn when `u < below` and `u` is not below the previous row's bound. */
  below: number;
}

/**
 * The odds, in draw order. The bounds are written out as literals on purpose: summing
 * 0.2 + 0.2 + 0.2 in floating point gives 0.6000000000000001, not the 0.6 players are told.
 */
export const WHEEL_ODDS: readonly WheelOdds[] = Object.freeze([
  { outcome: 'x2', multiplier: 2, probability: 0.2, below: 0.2 },
  { outcome: 'x1.5', multiplier: 1.5, probability: 0.2, below: 0.4 },
  { outcome: 'x1.2', multiplier: 1.2, probability: 0.2, below: 0.6 },
  { outcome: 'none', multiplier: 1, probability: 0.4, below: 1 },
] as const);

/** How many leading hex digits of the HMAC make the draw: 13 digits = 52 bits, exact in a double. */
export const WHEEL_HEX_DIGITS = 13;
/** `u = n / 2^52`, so u is in [0, 1). */
export const WHEEL_DRAW_SCALE = 2 ** 52;

/** The HMAC message of a spin: the player's client seed, a colon, and the seed's nonce in decimal. */
export function wheelMessage(clientSeed: string, nonce: number): string {
  if (!Number.isSafeInteger(nonce) || nonce < 0) throw new RangeError(`nonce must be a non-negative integer, got ${nonce}`);
  return `${clientSeed}:${nonce}`;
}

const HEX_DRAW = /^[0-9a-f]{13}/i;

/** `u` in [0, 1) from an HMAC digest in hex: the first 13 hex digits as an integer, over 2^52. */
export function wheelDraw(hmacHex: string): number {
  const m = HEX_DRAW.exec(hmacHex);
  if (m === null) throw new RangeError(`expected at least ${WHEEL_HEX_DIGITS} hex digits, got "${hmacHex}"`);
  return Number.parseInt(m[0], 16) / WHEEL_DRAW_SCALE;
}

/** The outcome for a draw `u` in [0, 1). */
export function outcomeFromDraw(u: number): WheelOutcome {
  if (!(u >= 0 && u < 1)) throw new RangeError(`draw must be in [0, 1), got ${u}`);
  for (const row of WHEEL_ODDS) if (u < row.below) return row.outcome;
  return 'none'; // unreachable: the last bound is 1
}

/** The outcome of a spin from the hex HMAC-SHA256 of `wheelMessage(clientSeed, nonce)` keyed by the server seed. */
export function outcomeFromHmacHex(hmacHex: string): WheelOutcome {
  return outcomeFromDraw(wheelDraw(hmacHex));
}
