import type { EventContext } from '../../game/event-registry.js';
import { amountsOf } from '../planets/economy.js';
import { lockPlanetAt } from '../planets/locking.js';
import { changeUnits } from '../shipyard/units.js';
import { lockFleet } from '../../db/locks.js';
import { unload } from './cargo.js';
import { appendInOrder } from './notify.js';
import { ownPlanetIds } from './players.js';
import { fleetView } from './view.js';

/** Tick handler of `fleet.return`: ships and cargo land on the origin planet (settled at that instant) and the fleet is done. */
export async function fleetReturns(ctx: EventContext<'fleet.return'>): Promise<void> {
  const { em, event, settings: s } = ctx;
  const origin = event.planetId === null ? null : await lockPlanetAt(em, s, event.planetId, event.dueAt);
  const fleet = await lockFleet(em, event.payload.fleetId);
  if (!origin || !fleet || fleet.state !== 'returning' || fleet.originPlanetId !== origin.id) return;
  const cargo = unload(fleet, origin);
  changeUnits(origin, fleet.ships);
  fleet.state = 'done';
  await em.flush();
  const view = { ...fleetView(fleet, event.dueAt, await ownPlanetIds(em, fleet.playerId)), cargo };
  await appendInOrder(
    ctx.stream,
    em,
    [
      {
        playerId: fleet.playerId,
        type: 'fleet.returned',
        data: { fleet: view, planetId: origin.id, resources: amountsOf(origin), units: { ...origin.units } },
      },
    ],
    event.dueAt,
  );
}
