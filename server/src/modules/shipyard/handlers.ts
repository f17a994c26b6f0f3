import type { CommandHandlerMap } from '../../commands/registry.js';
import type { EventHandlerMap } from '../../game/event-registry.js';
import { buildUnits } from './build.js';
import { deliverUnit } from './deliver.js';
import { SHIPYARD_UNIT_EVENT } from './queue.js';

/** The shipyard: ordering units, and the delivery of each unit as its own scheduled event. */
export const commandHandlers: CommandHandlerMap = {
  'shipyard.build': { run: buildUnits },
};

export const eventHandlers: EventHandlerMap = {
  [SHIPYARD_UNIT_EVENT]: deliverUnit,
};
