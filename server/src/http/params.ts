import { z } from 'zod';

/**
 * A database id in a URL path: plain decimal digits, no sign, exponent, hex, padding or leading
 * zero ("1e3", "0x10", "+1", "01" and "1.0" are rejected, unlike z.coerce.number()), up to int4 max.
 */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive integer id')
  .transform(Number)
  .pipe(z.number().int().max(2_147_483_647, 'is too large for an id'));
