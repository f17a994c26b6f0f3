/** Scheduled-event kinds of fleets; payload `{fleetId}`. */
export const FLEET_ARRIVE_EVENT = 'fleet.arrive';
export const FLEET_RETURN_EVENT = 'fleet.return';
