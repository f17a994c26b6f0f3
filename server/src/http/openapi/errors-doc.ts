import { ErrorCode } from '@starhold/common';

export interface ErrorDoc {
  /** The HTTP status this code comes with over REST (rule rejections of commands: 422). */
  status: number;
  description: string;
  /** Where the code occurs when not on a documented route: any route, or socket acks only. */
  scope?: 'any-route' | 'socket';
}

/**
 * Every error code of `ErrorCode` (common/src/protocol/errors.ts) with its status and meaning. A
 * code missing here fails server/test/ops/openapi.test.ts (Partial, so that adding a code never
 * breaks the build, only the documentation test).
 */
export const ERROR_DOCS: Partial<Record<ErrorCode, ErrorDoc>> = {
  [ErrorCode.VALIDATION_FAILED]: { status: 400, description: 'A body, path parameter, query parameter or command payload does not match its schema; `details.issues` lists `{path, message}`.' },
  [ErrorCode.MALFORMED_JSON]: { status: 400, description: 'The request body is not valid JSON (or could not be decompressed).', scope: 'any-route' },
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: { status: 415, description: 'A request body was sent without `Content-Type: application/json`.', scope: 'any-route' },
  [ErrorCode.PAYLOAD_TOO_LARGE]: { status: 413, description: 'The JSON body exceeds 64 KiB (socket: the message exceeds 64 KiB; an `error` ack, the connection stays).', scope: 'any-route' },
  [ErrorCode.HEADERS_TOO_LARGE]: { status: 431, description: 'The request line and headers exceed 16 KiB; the connection is closed after the answer.', scope: 'any-route' },
  [ErrorCode.MALFORMED_REQUEST]: { status: 400, description: 'The request is not valid HTTP; the connection is closed after the answer.', scope: 'any-route' },
  [ErrorCode.REQUEST_TIMEOUT]: { status: 408, description: 'The request (headers or body) did not arrive in time; the connection is closed after the answer.', scope: 'any-route' },
  [ErrorCode.ROUTE_NOT_FOUND]: { status: 404, description: 'No route for this method and path.', scope: 'any-route' },
  [ErrorCode.METHOD_NOT_ALLOWED]: { status: 405, description: 'The path exists, but not with this method; the `Allow` header lists the methods it has.', scope: 'any-route' },
  [ErrorCode.NOT_FOUND]: { status: 404, description: 'The planet, queue item, fleet… does not exist or belongs to another player (indistinguishable on purpose).' },
  [ErrorCode.USERNAME_TAKEN]: { status: 409, description: 'Another player has this username (compared case-insensitively).' },
  [ErrorCode.INVALID_CREDENTIALS]: { status: 401, description: 'Wrong username or password.' },
  [ErrorCode.INVALID_REFRESH_TOKEN]: { status: 401, description: 'The refresh token is unknown, expired, already used (its whole family is then revoked) or revoked.' },
  [ErrorCode.UNAUTHENTICATED]: { status: 401, description: 'No `Authorization: Bearer <access token>` header.' },
  [ErrorCode.AUTH_INVALID]: { status: 401, description: 'The access token is malformed, forged, or names a player that no longer exists.' },
  [ErrorCode.AUTH_EXPIRED]: { status: 401, description: 'The access token has expired: refresh the session (`POST /api/v1/auth/refresh`).' },
  [ErrorCode.BANNED]: { status: 403, description: 'The account is banned.' },
  [ErrorCode.RATE_LIMITED]: { status: 429, description: 'Too many attempts (login/register per client IP, failed logins per username and client IP and, from unknown devices, per username; refresh/logout per client IP; commands and authenticated reads per player). `Retry-After` and `details.retryAfterSeconds` say when to retry.' },
  [ErrorCode.UNKNOWN_COMMAND]: { status: 422, description: 'The command type does not exist on this server (404 on the convenience routes).' },
  [ErrorCode.CLIENT_MISMATCH]: { status: 400, description: 'Socket command acks only: the envelope\'s clientId differs from the one given in the socket handshake.', scope: 'socket' },
  [ErrorCode.INSUFFICIENT_RESOURCES]: { status: 422, description: 'The planet does not have the resources (or energy) the action costs, after production up to now.' },
  [ErrorCode.QUEUE_FULL]: { status: 422, description: 'The queue has no free slot.' },
  [ErrorCode.UNKNOWN_BUILDING]: { status: 422, description: 'No building of that name.' },
  [ErrorCode.UNKNOWN_RESEARCH]: { status: 422, description: 'No research of that name.' },
  [ErrorCode.REQUIREMENTS_NOT_MET]: { status: 422, description: 'Buildings or research levels the action requires are missing; `details` lists them.' },
  [ErrorCode.RESEARCH_BUSY]: { status: 422, description: 'A research is already running, or the research lab is being upgraded.' },
  [ErrorCode.WHEEL_COOLDOWN]: { status: 422, description: 'The lucky wheel was spun too recently; `details.nextSpinAt` (and `Retry-After` on REST) say when it is free again.' },
  [ErrorCode.UNKNOWN_UNIT]: { status: 422, description: 'No ship or defence of that name.' },
  [ErrorCode.UNIT_LIMIT_REACHED]: { status: 422, description: 'The planet already has the maximum number of this unit (e.g. shield domes).' },
  [ErrorCode.NOT_ENOUGH_SHIPS]: { status: 422, description: 'The planet does not have the ships the fleet asks for.' },
  [ErrorCode.INVALID_TARGET]: { status: 422, description: 'The target coordinates are outside the universe or not valid for the mission.' },
  [ErrorCode.INVALID_MISSION]: { status: 422, description: 'The mission cannot be flown to this target (e.g. transport to an empty position).' },
  [ErrorCode.NOT_ENOUGH_FUEL]: { status: 422, description: 'The planet lacks the deuterium the flight consumes.' },
  [ErrorCode.CARGO_EXCEEDED]: { status: 422, description: 'The cargo is larger than the fleet\'s capacity or than the planet\'s stock.' },
  [ErrorCode.TOO_MANY_PLANETS]: { status: 422, description: 'Colonisation would exceed the number of planets the player may have.' },
  [ErrorCode.FLEET_NOT_RECALLABLE]: { status: 422, description: 'The fleet is already returning or has arrived.' },
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: { status: 422, description: 'The `Idempotency-Key` was already used by this player for a different request (another command or payload). Nothing was done.' },
  [ErrorCode.SERVICE_UNAVAILABLE]: { status: 503, description: 'The database is unreachable; retry after `Retry-After` seconds. Nothing was written.', scope: 'any-route' },
  [ErrorCode.INTERNAL]: { status: 500, description: 'An unexpected server error (logged with the request id). Nothing was written.', scope: 'any-route' },
};

/** The codes of ErrorCode that have no entry above (the documentation test expects none). */
export function undocumentedErrorCodes(): ErrorCode[] {
  return Object.values(ErrorCode).filter((c) => ERROR_DOCS[c] === undefined);
}

/** Rule rejections of commands: answered with status 422 on REST and as `rejected` outcomes. */
export function ruleErrorCodes(): ErrorCode[] {
  return Object.values(ErrorCode).filter((c) => ERROR_DOCS[c]?.status === 422);
}
