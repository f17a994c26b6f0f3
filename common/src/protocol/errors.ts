/**
 * Stable error codes shared by REST bodies (`{"error":{"code","message"}}`), command results and
 * socket acks. Clients switch on the code; the message is for people.
 *
 * The one table of error codes: each code's HTTP status on REST and its meaning. The error
 * middleware, command answers (`rejected` outcomes), socket acks and the OpenAPI document all read
 * it; an error carries only its code (plus message and details). A rule rejection is 422.
 * `scope` marks codes that are not tied to documented routes: `any-route` can answer any request,
 * `socket` only occurs in socket acks.
 */
export const ERROR_TABLE = {
  VALIDATION_FAILED: {
    status: 400,
    description: 'A body, path parameter, query parameter or command payload does not match its schema; `details.issues` lists `{path, message}`.',
  },
  MALFORMED_JSON: { status: 400, description: 'The request body is not valid JSON (or could not be decompressed).', scope: 'any-route' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'A request body was sent without `Content-Type: application/json`.', scope: 'any-route' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    description: 'The JSON body exceeds 64 KiB (socket: the message exceeds 64 KiB; an `error` ack, the connection stays).',
    scope: 'any-route',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    description: 'The request line and headers exceed 16 KiB; the connection is closed after the answer.',
    scope: 'any-route',
  },
  MALFORMED_REQUEST: { status: 400, description: 'The request is not valid HTTP; the connection is closed after the answer.', scope: 'any-route' },
  REQUEST_TIMEOUT: {
    status: 408,
    description: 'The request (headers or body) did not arrive in time; the connection is closed after the answer.',
    scope: 'any-route',
  },
  ROUTE_NOT_FOUND: { status: 404, description: 'No route for this method and path.', scope: 'any-route' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    description: 'The path exists, but not with this method; the `Allow` header lists the methods it has.',
    scope: 'any-route',
  },
  NOT_FOUND: {
    status: 404,
    description: 'The planet, queue item, fleet… does not exist or belongs to another player (indistinguishable on purpose).',
  },
  USERNAME_TAKEN: { status: 409, description: 'Another player has this username (compared case-insensitively).' },
  INVALID_CREDENTIALS: { status: 401, description: 'Wrong username or password.' },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    description: 'The refresh token is unknown, expired, already used (its whole family is then revoked) or revoked.',
  },
  UNAUTHENTICATED: { status: 401, description: 'No `Authorization: Bearer <access token>` header.' },
  AUTH_INVALID: { status: 401, description: 'The access token is malformed, forged, or names a player that no longer exists.' },
  AUTH_EXPIRED: { status: 401, description: 'The access token has expired: refresh the session (`POST /api/v1/auth/refresh`).' },
  BANNED: { status: 403, description: 'The account is banned.' },
  RATE_LIMITED: {
    status: 429,
    description:
      'Too many attempts (login/register per client IP, failed logins per username and client IP and, from unknown devices, per username; refresh/logout per client IP; commands and authenticated reads per player). `Retry-After` and `details.retryAfterSeconds` say when to retry.',
  },
  UNKNOWN_COMMAND: { status: 422, description: 'The command type does not exist on this server.' },
  CLIENT_MISMATCH: {
    status: 400,
    description: "Socket command acks only: the envelope's clientId differs from the one given in the socket handshake.",
    scope: 'socket',
  },
  INSUFFICIENT_RESOURCES: {
    status: 422,
    description: 'The planet does not have the resources (or energy) the action costs, after production up to now.',
  },
  QUEUE_FULL: { status: 422, description: 'The queue has no free slot.' },
  UNKNOWN_BUILDING: { status: 422, description: 'No building of that name.' },
  UNKNOWN_RESEARCH: { status: 422, description: 'No research of that name.' },
  REQUIREMENTS_NOT_MET: { status: 422, description: 'Buildings or research levels the action requires are missing; `details` lists them.' },
  RESEARCH_BUSY: { status: 422, description: 'A research is already running, or the research lab is being upgraded.' },
  WHEEL_COOLDOWN: {
    status: 422,
    description: 'The lucky wheel was spun too recently; `details.nextSpinAt` (and `Retry-After` on REST) say when it is free again.',
  },
  // Shipyard, fleets and galaxy
  UNKNOWN_UNIT: { status: 422, description: 'No ship or defence of that name.' },
  UNIT_LIMIT_REACHED: { status: 422, description: 'The planet already has the maximum number of this unit (e.g. shield domes).' },
  NOT_ENOUGH_SHIPS: { status: 422, description: 'The planet does not have the ships the fleet asks for.' },
  INVALID_TARGET: { status: 422, description: 'The target coordinates are outside the universe or not valid for the mission.' },
  INVALID_MISSION: { status: 422, description: 'The mission cannot be flown to this target (e.g. transport to an empty position).' },
  NOT_ENOUGH_FUEL: { status: 422, description: 'The planet lacks the deuterium the flight consumes.' },
  CARGO_EXCEEDED: { status: 422, description: "The cargo is larger than the fleet's capacity or than the planet's stock." },
  TOO_MANY_PLANETS: { status: 422, description: 'Colonisation would exceed the number of planets the player may have.' },
  FLEET_NOT_RECALLABLE: { status: 422, description: 'The fleet is already returning or has arrived.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    description: 'The `Idempotency-Key` was already used by this player for a different request (another command or payload). Nothing was done.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    description: 'The database is unreachable (or the universe has no free position); retry after `Retry-After` seconds. Nothing was written.',
    scope: 'any-route',
  },
  INTERNAL: { status: 500, description: 'An unexpected server error (logged with the request id). Nothing was written.', scope: 'any-route' },
} as const satisfies Record<string, ErrorInfo>;

/** One row of the error table. */
export interface ErrorInfo {
  /** The HTTP status the code comes with on REST. */
  readonly status: number;
  readonly description: string;
  /** Where the code occurs when not on a documented route: any route, or socket acks only. */
  readonly scope?: 'any-route' | 'socket';
}

export type ErrorCode = keyof typeof ERROR_TABLE;

/** Every code by name (`ErrorCode.NOT_FOUND === 'NOT_FOUND'`), derived from the table. */
export const ErrorCode = Object.fromEntries(Object.keys(ERROR_TABLE).map((c) => [c, c])) as { readonly [C in ErrorCode]: C };

/** The HTTP status of a code on REST. */
export type ErrorStatus<C extends ErrorCode = ErrorCode> = (typeof ERROR_TABLE)[C]['status'];

export function errorStatus<C extends ErrorCode>(code: C): ErrorStatus<C> {
  return ERROR_TABLE[code].status;
}

/** The codes a command's rule may reject it with (status 422); the command pipeline's answers. */
export function ruleRejectionCodes(): ErrorCode[] {
  return (Object.keys(ERROR_TABLE) as ErrorCode[]).filter((c) => ERROR_TABLE[c].status === 422);
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
