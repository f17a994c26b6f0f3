import { describe, expect, it } from '@jest/globals';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves with the first accepted value', async () => {
    let n = 0;
    await expect(waitFor(() => ++n, { what: 'n to reach 3', until: (v) => v >= 3, intervalMs: 1 })).resolves.toBe(3);
  });

  it('times out with what it waited for and the last value seen', async () => {
    let n = 0;
    const err = await waitFor(async () => ({ n: ++n }), {
      what: 'the counter to go negative',
      until: (v) => v.n < 0,
      timeoutMs: 60,
      intervalMs: 5,
    }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/waitFor: the counter to go negative — not reached within 60 ms \(\d+ checks, \d+ ms\); last value: \{"n":\d+\}/);
  });

  it('is bounded even when a check never answers', async () => {
    const started = Date.now();
    const err = await waitFor(() => new Promise<never>(() => undefined), { what: 'a hung check', timeoutMs: 50 }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/a hung check — not reached within 50 ms \(1 checks, \d+ ms\); no check finished/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops at once when the check throws', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('the server exited');
        },
        { what: 'health' },
      ),
    ).rejects.toThrow('the server exited');
  });
});
