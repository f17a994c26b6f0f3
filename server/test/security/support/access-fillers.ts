// How the access-control suite fills every route parameter, request body, command payload and
// socket event with a given player's ids. The suite enumerates routes, commands and events from
// the running server; anything it finds without a filler here fails the suite with a message
// pointing at this file, so new routes cannot slip through untested.
import type { ClientToServerEvents, CommandPayload, CommandType } from '@starhold/common';
import type { Side } from './world.js';

/** An id parameter (swapped for the other player's) or a plain value (the same for both players). */
export interface Filler {
  id: boolean;
  of(o: Side): string | number;
}
const id = (of: (o: Side) => number): Filler => ({ id: true, of });
const value = (of: (o: Side) => string | number): Filler => ({ id: false, of });

/** Path parameters by route pattern. */
export const PARAM_FILLERS: Record<string, Record<string, Filler>> = {
  '/api/v1/planets/:id': { id: id((o) => o.planetId) },
  '/api/v1/planets/:id/buildings/:building/upgrade': { id: id((o) => o.planetId), building: value(() => 'metalMine') },
  '/api/v1/planets/:id/queue/:itemId': { id: id((o) => o.planetId), itemId: id((o) => o.buildingItemIds[1]!) },
  '/api/v1/planets/:id/research/:research/start': { id: id((o) => o.planetId), research: value(() => 'laser') },
  '/api/v1/planets/:id/shipyard': { id: id((o) => o.planetId) },
  '/api/v1/research/queue/:itemId': { itemId: id((o) => o.researchItemId) },
  '/api/v1/fleets/:id/recall': { id: id((o) => o.fleetId) },
  '/api/v1/reports/battles/:id': { id: id((o) => o.battleReportId) },
  '/api/v1/reports/espionage/:id': { id: id((o) => o.espionageReportId) },
  // Coordinates are public (the galaxy view), not ids: the other player's system is shown without its planet ids.
  '/api/v1/galaxy/:galaxy/:system': { galaxy: value((o) => o.coords.galaxy), system: value((o) => o.coords.system) },
};

/** A request body built from one player's values; `ids` names its fields that are ids. */
export interface BodyFiller {
  ids: string[];
  body(o: Side): Record<string, unknown> | undefined;
  /** Why a route without ids may touch nothing of anyone else (shown in failures). */
  why?: string;
}

const PASSWORD = 'correct-horse-battery';
let registrations = 0;
const dispatch = (o: Side) => ({
  planetId: o.planetId,
  ships: { smallCargo: 1 },
  target: { ...o.coords, position: 15 },
  mission: 'transport',
  speed: 100,
});

/** Bodies of non-GET routes by `METHOD /pattern` (required for those without path params). */
export const BODY_FILLERS: Record<string, BodyFiller> = {
  'POST /api/v1/wheel/spin': { ids: ['planetId'], body: (o) => ({ planetId: o.planetId, clientSeed: 'access' }) },
  'POST /api/v1/fleets': { ids: ['planetId'], body: dispatch },
  'POST /api/v1/fleets/preview': { ids: ['planetId'], body: dispatch },
  'POST /api/v1/planets/:id/shipyard': { ids: [], body: () => ({ unit: 'smallCargo', count: 1 }) },
  'POST /api/v1/wheel/rotate-seed': { ids: [], body: () => undefined, why: "rotates the caller's own seed" },
  'POST /api/v1/auth/register': {
    ids: [],
    body: () => ({ username: `accessreg${++registrations}`, password: PASSWORD }),
    why: 'creates a new account',
  },
  'POST /api/v1/auth/login': { ids: [], body: (o) => ({ username: o.username, password: PASSWORD }), why: 'credentials, no ids' },
  'POST /api/v1/auth/refresh': { ids: [], body: (o) => ({ refreshToken: o.refreshToken }), why: 'credentials, no ids' },
  'POST /api/v1/auth/logout': { ids: [], body: (o) => ({ refreshToken: o.refreshToken }), why: 'credentials, no ids' },
};

/** Command payloads by type (a new command type without one does not compile). */
export const COMMAND_FILLERS: { [T in CommandType]: (o: Side) => CommandPayload<T> } = {
  'buildings.upgrade': (o) => ({ planetId: o.planetId, building: 'metalMine' }),
  'buildings.cancel': (o) => ({ planetId: o.planetId, queueItemId: o.buildingItemIds[1]! }),
  'research.start': (o) => ({ planetId: o.planetId, research: 'laser' }),
  'research.cancel': (o) => ({ queueItemId: o.researchItemId }),
  'wheel.spin': (o) => ({ planetId: o.planetId, clientSeed: 'access' }),
  'shipyard.build': (o) => ({ planetId: o.planetId, unit: 'smallCargo', count: 1 }),
  'fleets.send': (o) => ({ ...dispatch(o), mission: 'transport', cargo: { metal: 0, crystal: 0, deuterium: 0 } }),
  'fleets.recall': (o) => ({ fleetId: o.fleetId }),
};

/**
 * Inbound socket events: `command` is covered per command type; the others either carry
 * something of a player (a payload filler and the error code another player's value must get)
 * or nothing at all (`null`).
 */
export const EVENT_FILLERS: Record<keyof ClientToServerEvents, 'commands' | { payload(o: Side): unknown; code: string } | null> = {
  command: 'commands',
  'auth:refresh': { payload: (o) => ({ token: o.token }), code: 'AUTH_INVALID' },
  'ping:rtt': null,
  'presence:idle': null,
  'presence:active': null,
};

/** Fields of a payload that are ids. */
export const idFields = (payload: object): string[] => Object.keys(payload).filter((k) => /Id$/.test(k));

export const MISSING_ID = 2_147_483_000;
