import type { MissionOutcome } from '@starhold/common';
import type { EventContext } from '../../../game/event-registry.js';
import type { Planet } from '../../planets/planet.entity.js';
import type { Fleet } from '../fleet.entity.js';
import type { Notice } from '../notify.js';

/** What a mission handler gets: the event's transaction, the locked fleet and the locked target planet (if the event names one). */
export interface Arrival {
  ctx: EventContext;
  fleet: Fleet;
  target: Planet | null;
}

export interface ArrivalResult {
  outcome: MissionOutcome;
  /** Whether ships are left to fly home (at the planned `returnsAt`). */
  returns: boolean;
  /** Stream events besides the owner's `fleet.arrived` (appended in player id order). */
  notices: Notice[];
}

export type MissionHandler = (a: Arrival) => Promise<ArrivalResult>;
