import { z } from 'zod';
import { requireAuth, playerIdOf } from '../../http/auth.js';
import type { AppRouter } from '../../http/context.js';
import { notFound, parseWith } from '../../core/errors.js';
import { pathId } from '../../http/params.js';
import type { Services } from '../../services.js';
import { BattleReportSchema, EspionageReportSchema } from './report.entity.js';
import { battleSummary, battleView, espionageSummary, espionageView, namesOf } from './view.js';

/** `?limit=&before=` of the report lists (also documented by the OpenAPI operations). */
export const listQuery = z
  .object({
    limit: z
      .string()
      .regex(/^[1-9][0-9]{0,2}$/, 'must be a whole number from 1 to 100')
      .transform(Number)
      .pipe(z.number().max(100))
      .default(50),
    before: pathId.optional(),
  })
  .strict();
const idParam = z.object({ id: pathId });

/** Battle and espionage reports: readable by the two players involved only (anyone else: 404). */
export function reportRoutes(router: AppRouter, s: Services): void {
  const auth = requireAuth(s);

  router.get('/api/v1/reports/battles', auth, async (ctx) => {
    const me = playerIdOf(ctx.state);
    const q = parseWith(listQuery, ctx.query);
    const em = ctx.state.em;
    const rows = await em.find(
      BattleReportSchema,
      {
        $or: [{ attackerId: me }, { defenderId: me }],
        ...(q.before ? { id: { $lt: q.before } } : {}),
      },
      { orderBy: { id: 'desc' }, limit: q.limit },
    );
    const names = await namesOf(
      em,
      rows.flatMap((r) => [r.attackerId, r.defenderId]),
    );
    ctx.body = { reports: rows.map((r) => battleSummary(r, me, names)) };
  });

  router.get('/api/v1/reports/battles/:id', auth, async (ctx) => {
    const me = playerIdOf(ctx.state);
    const { id } = parseWith(idParam, ctx.params);
    const em = ctx.state.em;
    const r = await em.findOne(BattleReportSchema, { id, $or: [{ attackerId: me }, { defenderId: me }] });
    if (!r) throw notFound('Battle report');
    ctx.body = battleView(r, me, await namesOf(em, [r.attackerId, r.defenderId]));
  });

  router.get('/api/v1/reports/espionage', auth, async (ctx) => {
    const me = playerIdOf(ctx.state);
    const q = parseWith(listQuery, ctx.query);
    const em = ctx.state.em;
    const rows = await em.find(
      EspionageReportSchema,
      {
        $or: [{ spyId: me }, { targetId: me }],
        ...(q.before ? { id: { $lt: q.before } } : {}),
      },
      { orderBy: { id: 'desc' }, limit: q.limit },
    );
    const names = await namesOf(
      em,
      rows.flatMap((r) => [r.spyId, r.targetId]),
    );
    ctx.body = { reports: rows.map((r) => espionageSummary(r, me, names)) };
  });

  router.get('/api/v1/reports/espionage/:id', auth, async (ctx) => {
    const me = playerIdOf(ctx.state);
    const { id } = parseWith(idParam, ctx.params);
    const em = ctx.state.em;
    const r = await em.findOne(EspionageReportSchema, { id, $or: [{ spyId: me }, { targetId: me }] });
    if (!r) throw notFound('Espionage report');
    ctx.body = espionageView(r, me, await namesOf(em, [r.spyId, r.targetId]));
  });
}
