import { fleetDispatchSchema, missionReturns, type FleetList, type FleetPreview } from '@starhold/common';
import { z } from 'zod';
import { runDirect } from '../../commands/direct.js';
import { respondWithOutcome } from '../../commands/routes.js';
import { requireAuth, playerIdOf } from '../../http/auth.js';
import type { AppContext, AppRouter } from '../../http/context.js';
import { notFound, parseWith } from '../../core/errors.js';
import { pathId } from '../../http/params.js';
import type { Services } from '../../services.js';
import { PlanetSchema } from '../planets/planet.entity.js';
import { FleetSchema } from './fleet.entity.js';
import { checkBounds, parseShips, planDispatch } from './plan.js';
import { playerInfo } from './players.js';
import { namesOf } from '../reports/view.js';
import { fleetView, incomingView, isAnnounced } from './view.js';

const previewSchema = fleetDispatchSchema.partial({ mission: true, cargo: true });

function idemKey(ctx: AppContext): string | undefined {
  return ctx.get('Idempotency-Key') || undefined;
}

export function fleetRoutes(router: AppRouter, s: Services): void {
  const auth = requireAuth(s);

  router.get('/api/v1/fleets', auth, async (ctx) => {
    const me = playerIdOf(ctx.state);
    const em = ctx.state.em;
    const now = s.clock.now();
    const planets = await em.find(PlanetSchema, { playerId: me }, { fields: ['id'] });
    const own = new Set(planets.map((p) => p.id));
    const mine = await em.find(FleetSchema, { playerId: me, state: { $ne: 'done' } }, { orderBy: { id: 'asc' } });
    const foreign = (
      await em.find(
        FleetSchema,
        {
          targetPlanetId: { $in: [...own] },
          state: 'outbound',
          playerId: { $ne: me },
        },
        { orderBy: { arrivesAt: 'asc', id: 'asc' } },
      )
    ).filter(isAnnounced);
    const names = await namesOf(
      em,
      foreign.map((f) => f.playerId),
    );
    const body: FleetList = {
      fleets: mine.map((f) => fleetView(f, now, own)),
      incoming: foreign.map((f) => incomingView(f, names.get(f.playerId) ?? { playerId: f.playerId, username: '?' })),
      at: now.toISOString(),
    };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  /** Time, fuel and capacity of a planned dispatch; writes nothing and needs no ships on the planet. */
  router.post('/api/v1/fleets/preview', auth, async (ctx) => {
    const me = playerIdOf(ctx.state);
    const p = parseWith(previewSchema, ctx.request.body ?? {});
    const em = ctx.state.em;
    const origin = await em.findOne(PlanetSchema, { id: p.planetId, playerId: me });
    if (!origin) throw notFound('Planet');
    const now = s.clock.now();
    // A rule rejection here answers like a rejected command: its status comes from the error table.
    const ships = parseShips(p.ships);
    checkBounds(p.target, s.universe);
    const { research } = await playerInfo(em, me);
    const plan = planDispatch(origin, ships, p.target, p.speed, p.mission === undefined || missionReturns(p.mission), research, s.universe, now);
    const body: FleetPreview = {
      distance: plan.distance,
      speed: plan.speed,
      durationSeconds: plan.durationSeconds,
      fuel: plan.fuel,
      capacity: plan.capacity,
      arrivesAt: plan.arrivesAt.toISOString(),
      returnsAt: plan.returnsAt?.toISOString() ?? null,
    };
    ctx.body = body;
  });

  router.post('/api/v1/fleets', auth, async (ctx) => {
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'fleets.send', ctx.request.body ?? {}, idemKey(ctx));
    respondWithOutcome(ctx, r.outcome, 202, r.replayed);
  });

  router.post('/api/v1/fleets/:id/recall', auth, async (ctx) => {
    const { id } = parseWith(z.object({ id: pathId }), ctx.params);
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'fleets.recall', { fleetId: id }, idemKey(ctx));
    respondWithOutcome(ctx, r.outcome, 200, r.replayed);
  });
}
