import { z } from 'zod';
import { requireAuth, playerIdOf } from '../../http/auth.js';
import type { AppRouter } from '../../http/context.js';
import { notFound, parseWith } from '../../core/errors.js';
import { pathId } from '../../http/params.js';
import type { Services } from '../../services.js';
import { PlayerSchema } from '../players/player.entity.js';
import { QueueItemSchema } from '../queues/queue-item.entity.js';
import { researchOf } from './economy.js';
import { PlanetSchema } from './planet.entity.js';
import { planetSummary, planetView } from './view.js';
import { loadOrders } from '../shipyard/queue.js';
import { shipyardOrderView } from '../shipyard/view.js';

export const idParam = z.object({ id: pathId });

export function planetRoutes(router: AppRouter, s: Services): void {
  const auth = requireAuth(s);

  router.get('/api/v1/me', auth, async (ctx) => {
    const playerId = playerIdOf(ctx.state);
    const em = ctx.state.em;
    const player = await em.findOneOrFail(PlayerSchema, { id: playerId });
    const planets = await em.find(PlanetSchema, { playerId }, { orderBy: { id: 'asc' } });
    ctx.body = {
      player: { id: player.id, username: player.username, createdAt: player.createdAt.toISOString() },
      planets: planets.map(planetSummary),
    };
  });

  router.get('/api/v1/planets/:id', auth, async (ctx) => {
    const playerId = playerIdOf(ctx.state);
    const { id } = parseWith(idParam, ctx.params);
    const em = ctx.state.em;
    // Another player's planet answers exactly like a missing one.
    const planet = await em.findOne(PlanetSchema, { id, playerId });
    if (!planet) throw notFound('Planet');
    const player = await em.findOneOrFail(PlayerSchema, { id: playerId });
    const queue = await em.find(QueueItemSchema, { planetId: id, kind: 'building' }, { orderBy: { id: 'asc' } });
    const shipyard = (await loadOrders(em, id)).map(shipyardOrderView);
    ctx.body = planetView(planet, researchOf(player.research), queue, s.clock.now(), s.universe, shipyard);
  });
}
