import type { CommandHandlerMap } from '../../commands/registry.js';
import type { EventHandlerMap } from '../../game/event-registry.js';
import { cancelBuilding, completeBuilding, upgradeBuilding } from './buildings.js';
import { cancelResearch, completeResearch, startResearch } from './research.js';

/** The building and research queues' commands (the building ones check every rule before writing). */
export const commandHandlers: CommandHandlerMap = {
  'buildings.upgrade': { run: upgradeBuilding, rejectsBeforeWriting: true },
  'buildings.cancel': { run: cancelBuilding, rejectsBeforeWriting: true },
  'research.start': { run: startResearch },
  'research.cancel': { run: cancelResearch },
};

export const eventHandlers: EventHandlerMap = {
  'building.complete': completeBuilding,
  'research.complete': completeResearch,
};
