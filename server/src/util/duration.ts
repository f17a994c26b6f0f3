import { z } from 'zod';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A period like `30m`, `6h`, `1d` or `90s` (one whole number and a unit), or `off` / `0` / empty
 * for none; parsed to milliseconds (0 = off).
 */
export const durationSetting = z
  .string()
  .default('off')
  .transform((v, ctx) => {
    const text = v.trim().toLowerCase();
    if (text === '' || text === 'off' || text === '0') return 0;
    const m = /^(\d+)\s*([smhd])$/.exec(text);
    const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : NaN;
    if (!Number.isSafeInteger(ms) || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a period like 30m, 6h or 1d (or "off")` });
      return z.NEVER;
    }
    return ms;
  });
