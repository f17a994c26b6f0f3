import type { EventHandlerRegistry } from './event-registry.js';
import { completeBuilding } from '../modules/queues/buildings.js';
import { completeResearch } from '../modules/queues/research.js';
import { BUFF_END_EVENT, BUFF_START_EVENT, buffEnds, buffStarts } from '../modules/wheel/buffs.js';
import { SHIPYARD_UNIT_EVENT } from '../modules/shipyard/queue.js';
import { deliverUnit } from '../modules/shipyard/deliver.js';
import { FLEET_ARRIVE_EVENT, FLEET_RETURN_EVENT } from '../modules/fleets/events.js';
import { fleetArrives } from '../modules/fleets/arrive.js';
import { fleetReturns } from '../modules/fleets/return.js';

/** Every scheduled-event handler, by kind. */
export function registerEventHandlers(r: EventHandlerRegistry): EventHandlerRegistry {
  return r.register('building.complete', completeBuilding).register('research.complete', completeResearch)
    .register(BUFF_START_EVENT, buffStarts)
    .register(BUFF_END_EVENT, buffEnds)
    .register(SHIPYARD_UNIT_EVENT, deliverUnit)
    .register(FLEET_ARRIVE_EVENT, fleetArrives)
    .register(FLEET_RETURN_EVENT, fleetReturns);
}
