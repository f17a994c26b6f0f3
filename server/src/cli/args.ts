import { InvalidArgumentError } from 'commander';

const digits = /^\d+$/;

/** A non-negative whole number of resources (`--metal 500`). */
export function parseAmount(value: string): number {
  if (!digits.test(value.trim())) throw new InvalidArgumentError('must be a whole number of 0 or more');
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('is too large');
  return n;
}

/** A database id (`--planet 7`). */
export function parseId(value: string): number {
  const n = digits.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 2_147_483_647) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/** A scheduled event id (`events drop 12`): a bigint in the database, any safe integer here. */
export function parseEventId(value: string): number {
  const n = digits.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

export const MAX_LAST = 1000;

/** How many rows to show (`--last 20`), 1..MAX_LAST. */
export function parseLast(value: string): number {
  const n = digits.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LAST) throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_LAST}`);
  return n;
}
