import { z } from 'zod';
import { researchCost, researchTimeSeconds, RESEARCH, RESEARCH_REQUIREMENTS, missingRequirements, zeroBuildings } from '@starhold/common';
import { requireAuth, playerIdOf } from '../../http/auth.js';
import type { AppContext, AppRouter } from '../../http/context.js';
import { parseWith } from '../../core/errors.js';
import { pathId } from '../../http/params.js';
import type { Services } from '../../services.js';
import { runDirect } from '../../commands/direct.js';
import { respondWithOutcome } from '../../commands/routes.js';
import { researchOf } from '../planets/economy.js';
import { PlanetSchema } from '../planets/planet.entity.js';
import { queueItemView } from '../planets/view.js';
import { PlayerSchema } from '../players/player.entity.js';
import { loadQueue } from './queue.js';

const name = z.string().min(1).max(64);

function idemKey(ctx: AppContext): string | undefined {
  return ctx.get('Idempotency-Key') || undefined;
}

export function queueRoutes(router: AppRouter, s: Services): void {
  const auth = requireAuth(s);

  router.post('/api/v1/planets/:id/buildings/:building/upgrade', auth, async (ctx) => {
    const p = parseWith(z.object({ id: pathId, building: name }), ctx.params);
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'buildings.upgrade', { planetId: p.id, building: p.building }, idemKey(ctx));
    respondWithOutcome(ctx, r.outcome, 202, r.replayed);
  });

  router.delete('/api/v1/planets/:id/queue/:itemId', auth, async (ctx) => {
    const p = parseWith(z.object({ id: pathId, itemId: pathId }), ctx.params);
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'buildings.cancel', { planetId: p.id, queueItemId: p.itemId }, idemKey(ctx));
    respondWithOutcome(ctx, r.outcome, 200, r.replayed);
  });

  router.post('/api/v1/planets/:id/research/:research/start', auth, async (ctx) => {
    const p = parseWith(z.object({ id: pathId, research: name }), ctx.params);
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'research.start', { planetId: p.id, research: p.research }, idemKey(ctx));
    respondWithOutcome(ctx, r.outcome, 202, r.replayed);
  });

  router.delete('/api/v1/research/queue/:itemId', auth, async (ctx) => {
    const p = parseWith(z.object({ itemId: pathId }), ctx.params);
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'research.cancel', { queueItemId: p.itemId }, idemKey(ctx));
    respondWithOutcome(ctx, r.outcome, 200, r.replayed);
  });

  router.get('/api/v1/research', auth, async (ctx) => {
    const playerId = playerIdOf(ctx.state);
    const em = ctx.state.em;
    const player = await em.findOneOrFail(PlayerSchema, { id: playerId });
    const levels = researchOf(player.research);
    const queue = await loadQueue(em, 'research', { playerId });
    const planets = await em.find(PlanetSchema, { playerId }, { orderBy: { id: 'asc' } });
    // Times and requirements are shown for the planet with the best research lab.
    const lab = planets.reduce<(typeof planets)[number] | undefined>(
      (best, p) => (!best || p.buildings.researchLab > best.buildings.researchLab ? p : best),
      undefined,
    );
    const labBuildings = lab?.buildings ?? zeroBuildings();
    ctx.body = {
      levels,
      queue: queue.map(queueItemView),
      labPlanetId: lab?.id ?? null,
      catalogue: RESEARCH.map((r) => ({
        id: r,
        level: levels[r],
        nextCost: researchCost(r, levels[r] + 1),
        nextTimeSeconds: researchTimeSeconds(r, levels[r] + 1, labBuildings.researchLab, s.universe),
        missing: missingRequirements(RESEARCH_REQUIREMENTS[r], labBuildings, levels),
      })),
    };
  });
}
