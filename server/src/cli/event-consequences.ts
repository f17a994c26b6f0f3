import { FLEET_ARRIVE_EVENT, FLEET_RETURN_EVENT } from '../modules/fleets/events.js';
import { COMPLETE_EVENT } from '../modules/queues/queue.js';
import { SHIPYARD_UNIT_EVENT } from '../modules/shipyard/queue.js';
import { BUFF_END_EVENT, BUFF_START_EVENT } from '../modules/wheel/buffs.js';

/**
 * What a player is left with when an operator drops a parked event of this kind: nothing else is
 * changed by the drop, so the state the event would have moved on stays as it is. Printed by
 * `admin events drop` and documented in docs/operations.md ("events drop").
 */
export const DROP_CONSEQUENCES: Readonly<Record<string, string>> = {
  [COMPLETE_EVENT.building]:
    'the building level is never reached: its queue item stays "running" past its end and the items behind it never start. ' +
    'The player can cancel that item (a full refund of it and of later levels of the same building), which starts the next one',
  [COMPLETE_EVENT.research]:
    'the research level is never reached: its queue item stays "running" past its end and the research queue is stuck behind it. ' +
    'The player can cancel that item (a full refund to the planet that paid it), which starts the next one',
  [SHIPYARD_UNIT_EVENT]:
    "the shipyard order stops: its remaining units are never delivered and the planet's later shipyard orders never start. " +
    'Orders cannot be cancelled; `admin grant` can compensate the resources',
  [FLEET_ARRIVE_EVENT]:
    'the fleet never arrives and can no longer be recalled (its arrival time has passed): its ships and cargo stay in flight for good. ' +
    '`admin grant` can compensate the player',
  [FLEET_RETURN_EVENT]: 'the fleet never comes home: its ships and cargo stay "returning" for good. `admin grant` can compensate the player',
  [BUFF_START_EVENT]: 'the won production buff never starts on the planet (the spin itself stays recorded)',
  [BUFF_END_EVENT]:
    'little: the buff stops at its end time anyway (production and the planet view only apply it before then); ' +
    'the player\'s clients just get no "buff ended" event and may show the buff until they reload',
};

export function dropConsequence(kind: string): string {
  return DROP_CONSEQUENCES[kind] ?? `"${kind}" is not an event kind this version knows: nothing in the game waits for it`;
}
