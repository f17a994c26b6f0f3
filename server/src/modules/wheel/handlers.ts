import type { CommandHandlerMap } from '../../commands/registry.js';
import type { EventHandlerMap } from '../../game/event-registry.js';
import { BUFF_END_EVENT, BUFF_START_EVENT, buffEnds, buffStarts } from './buffs.js';
import { spinWheel } from './spin.js';

/** The lucky wheel: the spin command and the start and end of the buff it grants. */
export const commandHandlers: CommandHandlerMap = {
  'wheel.spin': { run: spinWheel },
};

export const eventHandlers: EventHandlerMap = {
  [BUFF_START_EVENT]: buffStarts,
  [BUFF_END_EVENT]: buffEnds,
};
