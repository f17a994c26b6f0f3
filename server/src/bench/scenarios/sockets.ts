import { join } from 'node:path';
import { LoadGens } from '../loadgens.js';
import { describeProfile } from '../probe.js';
import type { ClientSpec } from '../children/conn.js';
import { seedUniverse, withTokens } from '../seed.js';
import { slope } from '../stats.js';
import { startTarget, type Target } from '../target.js';
import { figure } from '../types.js';
import type { BenchContext, Figure, Scenario } from '../types.js';

/**
 * How many authenticated idle sockets one server process holds. Sockets are added in steps
 * (each client: token handshake, `hello`, catch-up, `synced`), with the server's heap and RSS
 * read after a full GC at every step, until the target, a connect failure, the server's
 * descriptor limit, a memory cap or the time budget. Per-socket memory is the least-squares
 * slope of memory over sockets. Baseline: a bare Socket.IO server (no auth, no game) taking the
 * same number of sockets the same way.
 */

const RSS_CAP = 6 * 2 ** 30;
/** Descriptors the server keeps for itself (database pool, listening socket, files). */
const FD_RESERVE = 100;

interface StepResult {
  reached: number;
  points: { x: number; heap: number; rss: number }[];
  connectPerS: number;
  stop: string;
}

async function stepUp(
  ctx: BenchContext,
  t: Target,
  gens: LoadGens,
  clients: ClientSpec[],
  step: number,
  budgetMs: number,
  profile: string | undefined,
): Promise<StepResult> {
  const protocol = t.kind === 'starhold' ? 'starhold' : 'bare';
  const cap = Math.min(clients.length, (t.fdLimit ?? 1_048_576) - FD_RESERVE);
  const m0 = await t.memory();
  const points = [{ x: 0, heap: m0.heapUsed, rss: m0.rss }];
  let reached = 0;
  let connectMs = 0;
  let stop = `reached the target of ${clients.length}`;
  if (cap < clients.length) stop = `stopped at the server's descriptor limit (${t.fdLimit} open files, ${FD_RESERVE} kept for itself)`;
  const started = performance.now();
  if (profile !== undefined) await t.profileStart();
  while (reached < cap) {
    const batch = clients.slice(reached, Math.min(cap, reached + step));
    const r = await gens.connect(t.url, protocol, batch, 64, 30_000, Math.max(0, budgetMs - (performance.now() - started)));
    connectMs += r.ms;
    reached += r.ok;
    const m = await t.memory();
    points.push({ x: reached, heap: m.heapUsed, rss: m.rss });
    ctx.log(
      `${t.kind}: ${reached} sockets (+${r.ok} in ${Math.round(r.ms)} ms), heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(m.rss / 2 ** 20).toFixed(0)} MiB`,
    );
    if (r.failed > 0) {
      stop = `stopped after ${r.failed} connect failures (${JSON.stringify(r.errors)})`;
      break;
    }
    if (m.rss > RSS_CAP) {
      stop = `stopped at the memory cap (RSS ${(m.rss / 2 ** 30).toFixed(1)} GiB > ${RSS_CAP / 2 ** 30} GiB)`;
      break;
    }
    if ((r.skipped > 0 || performance.now() - started > budgetMs) && reached < cap) {
      stop = `stopped by the time budget (${budgetMs / 1000} s) at ${reached}; the last step of ${r.ok} took ${Math.round(r.ms)} ms`;
      break;
    }
  }
  if (profile !== undefined) {
    ctx.note(`${t.kind} server CPU profile while connecting (${profile}): ${describeProfile(await t.profileStop(profile))}`);
  }
  const open = (await gens.status()).open;
  if (open < reached) stop += `; ${reached - open} sockets had dropped by the end`;
  return { reached, points, connectPerS: reached / (connectMs / 1000), stop };
}

const perSocket = (r: StepResult, key: 'heap' | 'rss') =>
  slope(r.points.filter((p) => p.x > 0 || r.points.length <= 2).map((p) => ({ x: p.x, y: p[key] })));

export const socketsScenario: Scenario = {
  name: 'sockets',
  description: 'authenticated idle sockets one server process holds, heap and RSS per socket (quick: 300)',
  database: true,
  async run(ctx): Promise<Figure[]> {
    const target = ctx.quick ? 300 : 25_000;
    const step = ctx.quick ? 150 : 1_000;
    const budgetMs = ctx.quick ? 20_000 : 150_000;
    const db = await ctx.db.create('sockets');
    const gens = LoadGens.start(Math.max(2, Math.ceil(target / 6_000)), 'sockets');
    try {
      const players = await withTokens(await seedUniverse(db.url, { players: target }));
      const clients: ClientSpec[] = players.map((p) => ({ token: p.token, playerId: p.id, planetId: p.planetId, clientId: `bench-sockets-${p.id}` }));
      // lastSeq 0: the client already has the (empty) state of its player, so no snapshot is sent.
      const server = await startTarget('starhold', { dbUrl: db.url });
      let ours: StepResult;
      try {
        ctx.note(
          `descriptor limits: server ${server.fdLimit}, load generators ${gens.fdLimit()} (${gens.size} processes, one loopback source address each)`,
        );
        ours = await stepUp(ctx, server, gens, clients, step, budgetMs, join(ctx.outDir, 'sockets-server.cpuprofile'));
      } finally {
        await gens.close();
        await server.stop();
      }
      const gens2 = LoadGens.start(gens.size, 'sockets-bare');
      const bare = await startTarget('baseline');
      let base: StepResult;
      try {
        base = await stepUp(
          ctx,
          bare,
          gens2,
          clients.slice(0, Math.max(ours.reached, step)).map((c, i) => ({ clientId: c.clientId, counterId: i })),
          step,
          budgetMs,
          undefined,
        );
      } finally {
        await gens2.close();
        await bare.stop();
      }
      ctx.note(`Starhold: ${ours.stop}. Bare baseline: ${base.stop}.`);
      const name = ctx.quick ? 'sockets-quick' : 'sockets';
      const kib = (x: number) => x / 1024;
      return [
        figure(
          name,
          'idle_sockets',
          ours.reached,
          'sockets',
          base.reached,
          `bare Socket.IO server, same steps, stopped at the Starhold count (${base.stop})`,
        ),
        figure(
          name,
          'heap_per_socket',
          kib(perSocket(ours, 'heap')),
          'KiB',
          kib(perSocket(base, 'heap')),
          'bare Socket.IO server: heap slope per idle socket',
        ),
        figure(
          name,
          'rss_per_socket',
          kib(perSocket(ours, 'rss')),
          'KiB',
          kib(perSocket(base, 'rss')),
          'bare Socket.IO server: RSS slope per idle socket',
        ),
        figure(name, 'connects_per_s', ours.connectPerS, 'sockets/s', base.connectPerS, 'bare Socket.IO server: connects/s, same concurrency'),
      ];
    } finally {
      await gens.close().catch(() => undefined);
      await db.drop();
    }
  },
};
