import type { CommandHandlerMap } from '../../commands/registry.js';
import type { EventHandlerMap } from '../../game/event-registry.js';
import { fleetArrives } from './arrive.js';
import { FLEET_ARRIVE_EVENT, FLEET_RETURN_EVENT } from './events.js';
import { recallFleet } from './recall.js';
import { fleetReturns } from './return.js';
import { sendFleet } from './send.js';

/** Fleets: send and recall, and the arrival and return events that resolve missions. */
export const commandHandlers: CommandHandlerMap = {
  'fleets.send': { run: sendFleet },
  'fleets.recall': { run: recallFleet },
};

export const eventHandlers: EventHandlerMap = {
  [FLEET_ARRIVE_EVENT]: fleetArrives,
  [FLEET_RETURN_EVENT]: fleetReturns,
};
