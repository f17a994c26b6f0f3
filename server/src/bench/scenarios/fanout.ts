import { join } from 'node:path';
import { LoadGens } from '../loadgens.js';
import { describeProfile } from '../probe.js';
import type { ClientSpec } from '../children/conn.js';
import { seedUniverse, withTokens } from '../seed.js';
import { summarize } from '../stats.js';
import { startTarget, type Target } from '../target.js';
import { figure } from '../types.js';
import type { BenchContext, Figure, Scenario } from '../types.js';
import { connectCrowd } from './crowd.js';

/**
 * One event to every connected player. The event is a presence change (the only universe-wide
 * message today): one "announcer" player in its own load-generator process toggles
 * `presence:idle` / `presence:active`, and every listener records when the `presence` message
 * arrived. Toggles are more than one presence batch window (250 ms) apart, so each goes out at
 * once (the batch's leading edge), never held for a window. Delivery time = arrival − trigger instant (hi-resolution wall clock, same machine).
 * Baseline: a bare Socket.IO server broadcasting one message to the same number of sockets.
 */

interface Rounds {
  delays: number[];
  expected: number;
}

async function rounds(
  ctx: BenchContext,
  t: Target,
  announcer: LoadGens,
  gens: LoadGens,
  listeners: number,
  announcerId: number | undefined,
  n: number,
  profile: string | undefined,
): Promise<Rounds> {
  await gens.listen(t.kind === 'starhold' ? 'presence' : 'bcast', announcerId);
  const delays: number[] = [];
  if (profile !== undefined) await t.profileStart();
  for (let i = 0; i < n; i++) {
    const t0 = await announcer.trigger(i % 2 === 0);
    const arrivals = await gens.collect(listeners, 20_000);
    for (const a of arrivals) delays.push(Math.round((a - t0) * 100) / 100);
    await new Promise((r) => setTimeout(r, 300));
  }
  if (profile !== undefined) ctx.note(`server CPU profile during the broadcasts (${profile}): ${describeProfile(await t.profileStop(profile))}`);
  return { delays, expected: listeners * n };
}

export const fanoutScenario: Scenario = {
  name: 'fanout',
  description: 'one event to 10 000 connected players: p50/p99 delivery (quick: 150)',
  database: true,
  async run(ctx): Promise<Figure[]> {
    const n = ctx.quick ? 150 : 10_000;
    const budgetMs = ctx.quick ? 10_000 : 120_000;
    const nRounds = ctx.quick ? 3 : 10;
    const db = await ctx.db.create('fanout');
    try {
      const players = await withTokens(await seedUniverse(db.url, { players: n + 1 }));
      const spec = (p: (typeof players)[number]): ClientSpec => ({
        token: p.token,
        playerId: p.id,
        planetId: p.planetId,
        clientId: `bench-fanout-${p.id}`,
      });
      const announcerPlayer = players[n]!;
      const listeners = players.slice(0, n).map(spec);
      const measure = async (kind: Target['kind'], count: number) => {
        const t = await startTarget(kind, { dbUrl: db.url });
        const announcer = LoadGens.start(1, `fanout-${kind}-announcer`);
        const gens = LoadGens.start(Math.max(2, Math.ceil(count / 5_000)), `fanout-${kind}`);
        try {
          const ann = kind === 'starhold' ? [spec(announcerPlayer)] : [{ clientId: 'announcer', counterId: 0 }];
          const a = await announcer.connect(t.url, kind === 'starhold' ? 'starhold' : 'bare', ann);
          if (a.ok !== 1) throw new Error(`announcer could not connect: ${JSON.stringify(a.errors)}`);
          const crowd = await connectCrowd(
            ctx,
            t,
            gens,
            kind === 'starhold' ? listeners.slice(0, count) : listeners.slice(0, count).map((c, i) => ({ clientId: c.clientId, counterId: i })),
            budgetMs,
          );
          await new Promise((r) => setTimeout(r, ctx.quick ? 300 : 2_000)); // let the login wave's presence messages drain
          const r = await rounds(
            ctx,
            t,
            announcer,
            gens,
            crowd.reached,
            kind === 'starhold' ? announcerPlayer.id : undefined,
            nRounds,
            kind === 'starhold' ? join(ctx.outDir, 'fanout-server.cpuprofile') : undefined,
          );
          return { ...r, crowd };
        } finally {
          await announcer.close();
          await gens.close();
          await t.stop();
        }
      };
      const ours = await measure('starhold', n);
      const base = await measure('baseline', ours.crowd.reached);
      const a = summarize(ours.delays);
      const b = summarize(base.delays);
      ctx.note(
        `Starhold: ${ours.crowd.reached} of ${n} listeners connected (${ours.crowd.stop}); ${a.n} of ${ours.expected} deliveries arrived. Baseline: ${b.n} of ${base.expected}.`,
      );
      const name = ctx.quick ? 'fanout-quick' : 'fanout';
      const bare = `bare Socket.IO server broadcasting to the same ${base.crowd.reached} sockets, ${nRounds} rounds`;
      return [
        figure(name, 'listeners', ours.crowd.reached, 'sockets', n, 'the target number of connected players'),
        figure(name, 'p50', a.p50, 'ms', b.p50, bare),
        figure(name, 'p99', a.p99, 'ms', b.p99, bare),
        figure(name, 'max', a.max, 'ms', b.max, bare),
        figure(
          name,
          'delivered_share',
          a.n / Math.max(1, ours.expected),
          'ratio',
          b.n / Math.max(1, base.expected),
          'bare server: arrivals / expected',
        ),
      ];
    } finally {
      await db.drop();
    }
  },
};
