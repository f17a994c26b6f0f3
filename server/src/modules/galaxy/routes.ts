import { z } from 'zod';
import type { GalaxySlot, GalaxyView, PresenceStatus } from '@starhold/common';
import { requireAuth, playerIdOf } from '../../http/auth.js';
import type { AppRouter } from '../../http/context.js';
import { notFound, parseWith } from '../../core/errors.js';
import { pathId } from '../../http/params.js';
import { presenceFor } from '../../realtime/presence.js';
import type { Services } from '../../services.js';
import { PlanetSchema } from '../planets/planet.entity.js';
import { namesOf } from '../reports/view.js';
import { debrisInSystem } from './debris.js';

const params = z.object({ galaxy: pathId, system: pathId });

/**
 * GET /api/v1/galaxy/:galaxy/:system — every position of a system: planet (name, owner, the
 * owner's presence; the planet id only for the reader's own planets) and debris field.
 * Presence is shown to everyone, as GET /api/v1/presence does.
 */
export function galaxyRoutes(router: AppRouter, s: Services): void {
  router.get('/api/v1/galaxy/:galaxy/:system', requireAuth(s), async (ctx) => {
    const me = playerIdOf(ctx.state);
    const { galaxy, system } = parseWith(params, ctx.params);
    if (galaxy > s.universe.galaxies || system > s.universe.systems) throw notFound('System');
    const em = ctx.state.em;
    const planets = await em.find(PlanetSchema, { galaxy, system }, { fields: ['name', 'playerId', 'position'] });
    const debris = await debrisInSystem(em, galaxy, system);
    const names = await namesOf(
      em,
      planets.map((p) => p.playerId),
    );
    const status = new Map<number, PresenceStatus>((await presenceFor(s).list()).map((e) => [e.playerId, e.status]));
    const positions: GalaxySlot[] = [];
    for (let position = 1; position <= s.universe.positions; position++) {
      const p = planets.find((x) => x.position === position);
      positions.push({
        position,
        planet: p
          ? {
              name: p.name,
              planetId: p.playerId === me ? p.id : null,
              player: { ...(names.get(p.playerId) ?? { playerId: p.playerId, username: '?' }), status: status.get(p.playerId) ?? 'offline' },
            }
          : null,
        debris: debris.get(position) ?? null,
      });
    }
    const body: GalaxyView = { galaxy, system, positions, at: s.clock.now().toISOString() };
    ctx.body = body;
  });
}
