import type { CommandRegistry } from './registry.js';
import { cancelBuilding, upgradeBuilding } from '../modules/queues/buildings.js';
import { cancelResearch, startResearch } from '../modules/queues/research.js';
import { spinWheel } from '../modules/wheel/spin.js';
import { buildUnits } from '../modules/shipyard/build.js';
import { sendFleet } from '../modules/fleets/send.js';
import { recallFleet } from '../modules/fleets/recall.js';

/** Every command handler, by name. Each domain registers its own here. */
export function registerCommandHandlers(r: CommandRegistry): CommandRegistry {
  return r
    .register('buildings.upgrade', upgradeBuilding, { rejectsBeforeWriting: true })
    .register('buildings.cancel', cancelBuilding, { rejectsBeforeWriting: true })
    .register('research.start', startResearch)
    .register('research.cancel', cancelResearch)
    .register('wheel.spin', spinWheel)
    .register('shipyard.build', buildUnits)
    .register('fleets.send', sendFleet)
    .register('fleets.recall', recallFleet);
}
