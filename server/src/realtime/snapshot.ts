import { IsolationLevel } from '@mikro-orm/core';
import type { PlanetSnapshot, PlayerStateSnapshot, QueueItemSnapshot, SnapshotMessage } from '@starhold/common';
import type { Services } from '../services.js';
import { checkSnapshotState } from '../core/contracts.js';
import { researchOf } from '../modules/planets/economy.js';
import { PlanetSchema } from '../modules/planets/planet.entity.js';
import { planetView, queueItemView } from '../modules/planets/view.js';
import { PlayerSchema } from '../modules/players/player.entity.js';
import { QueueItemSchema } from '../modules/queues/queue-item.entity.js';
import { ShipyardOrderSchema } from '../modules/shipyard/shipyard-order.entity.js';
import { shipyardOrderView } from '../modules/shipyard/view.js';

/**
 * The player's full state and the stream seq it corresponds to, read in one REPEATABLE READ
 * transaction so that `lastSeq` and the state match exactly (events after it follow live).
 */
export async function buildSnapshot(s: Services, playerId: number): Promise<SnapshotMessage> {
  return s.orm.em.fork().transactional(
    async (em) => {
      const player = await em.findOneOrFail(PlayerSchema, { id: playerId });
      const planets = await em.find(PlanetSchema, { playerId }, { orderBy: { id: 'asc' } });
      const queue = await em.find(QueueItemSchema, { playerId }, { orderBy: { id: 'asc' } });
      const research = researchOf(player.research);
      const at = s.clock.now();
      const orders = (await em.find(ShipyardOrderSchema, { playerId }, { orderBy: { id: 'asc' } })).map(shipyardOrderView);
      const planetViews: PlanetSnapshot[] = planets.map((p) =>
        planetView(
          p,
          research,
          queue.filter((q) => q.planetId === p.id),
          at,
          s.universe,
          orders.filter((o) => o.planetId === p.id),
        ),
      );
      const researchQueue: QueueItemSnapshot[] = queue.filter((q) => q.kind === 'research').map(queueItemView);
      const state: PlayerStateSnapshot = {
        player: { id: player.id, username: player.username, createdAt: player.createdAt.toISOString() },
        planets: planetViews,
        research: { levels: research, queue: researchQueue },
      };
      checkSnapshotState(state); // under test only (contracts.ts)
      return { lastSeq: Number(player.eventSeq), state };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}
