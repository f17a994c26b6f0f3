import type { LoadGens } from '../loadgens.js';
import type { ClientSpec } from '../children/conn.js';
import type { Target } from '../target.js';
import type { BenchContext } from '../types.js';

/**
 * Connects a crowd of clients in steps until all are in, a step fails, or the time budget is
 * spent (a login wave on the Starhold server costs O(n²) presence messages, see
 * docs/performance.md); returns how many are connected.
 */
export async function connectCrowd(
  ctx: BenchContext,
  t: Target,
  gens: LoadGens,
  clients: readonly ClientSpec[],
  budgetMs: number,
): Promise<{ reached: number; stop: string }> {
  const protocol = t.kind === 'starhold' ? 'starhold' : 'bare';
  const step = 1_000;
  const started = performance.now();
  let reached = 0;
  while (reached < clients.length) {
    const r = await gens.connect(
      t.url,
      protocol,
      clients.slice(reached, reached + step),
      64,
      30_000,
      Math.max(0, budgetMs - (performance.now() - started)),
    );
    reached += r.ok;
    ctx.log(`${t.kind}: ${reached} clients connected (+${r.ok} in ${Math.round(r.ms)} ms)`);
    if (r.failed > 0) return { reached, stop: `a step had ${r.failed} connect failures (${JSON.stringify(r.errors)})` };
    if ((r.skipped > 0 || performance.now() - started > budgetMs) && reached < clients.length) {
      return { reached, stop: `the connect budget of ${budgetMs / 1000} s ran out (last step of ${r.ok}: ${Math.round(r.ms)} ms)` };
    }
  }
  return { reached, stop: 'all connected' };
}
