import { z } from 'zod';
import {
  DEFENSES,
  SHIPS,
  UNITS,
  commandPayloadSchemas,
  UNIT_LIMITS,
  UNIT_REQUIREMENTS,
  isDefenseId,
  missingRequirements,
  unitBuildSeconds,
  unitCost,
} from '@starhold/common';
import { runDirect } from '../../commands/direct.js';
import { respondWithOutcome } from '../../commands/routes.js';
import { requireAuth, playerIdOf } from '../../http/auth.js';
import type { AppRouter } from '../../http/context.js';
import { notFound, parseWith } from '../../core/errors.js';
import { pathId } from '../../http/params.js';
import type { Services } from '../../services.js';
import { researchOf } from '../planets/economy.js';
import { PlanetSchema } from '../planets/planet.entity.js';
import { PlayerSchema } from '../players/player.entity.js';
import { loadOrders } from './queue.js';
import { shipyardOrderView } from './view.js';

/** The body of `POST /planets/:id/shipyard`: the `shipyard.build` payload without the planet (it is in the path). */
export const buildBody = commandPayloadSchemas['shipyard.build'].omit({ planetId: true });

export function shipyardRoutes(router: AppRouter, s: Services): void {
  const auth = requireAuth(s);

  /** The planet's shipyard: its orders and, per unit, cost, time per unit, missing requirements. */
  router.get('/api/v1/planets/:id/shipyard', auth, async (ctx) => {
    const playerId = playerIdOf(ctx.state);
    const { id } = parseWith(z.object({ id: pathId }), ctx.params);
    const em = ctx.state.em;
    const planet = await em.findOne(PlanetSchema, { id, playerId });
    if (!planet) throw notFound('Planet');
    const player = await em.findOneOrFail(PlayerSchema, { id: playerId });
    const research = researchOf(player.research);
    const factories = { shipyard: planet.buildings.shipyard, nanite: planet.buildings.naniteFactory };
    ctx.body = {
      planetId: planet.id,
      queue: (await loadOrders(em, planet.id)).map(shipyardOrderView),
      catalogue: UNITS.map((u) => ({
        id: u,
        kind: isDefenseId(u) ? 'defense' : 'ship',
        count: planet.units[u] ?? 0,
        cost: unitCost(u),
        unitSeconds: unitBuildSeconds(u, factories, s.universe),
        missing: missingRequirements(UNIT_REQUIREMENTS[u], planet.buildings, research),
        limit: UNIT_LIMITS[u] ?? null,
      })),
      ships: SHIPS,
      defenses: DEFENSES,
    };
  });

  router.post('/api/v1/planets/:id/shipyard', auth, async (ctx) => {
    const { id } = parseWith(z.object({ id: pathId }), ctx.params);
    const body = parseWith(buildBody, ctx.request.body ?? {});
    const key = ctx.get('Idempotency-Key') || undefined;
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'shipyard.build', { planetId: id, ...body }, key);
    respondWithOutcome(ctx, r.outcome, 202, r.replayed);
  });
}
