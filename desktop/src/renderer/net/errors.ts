import type { ErrorBody, ErrorCode } from '@starhold/common';

/** The server answered with `{"error":{code,message}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.body.code;
  }
}

/** The server could not be reached (offline, refused, timed out). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The session cannot be renewed: the player must log in again. */
export class SessionExpiredError extends Error {
  constructor(message = 'Your session has expired; please log in again.') {
    super(message);
    this.name = 'SessionExpiredError';
  }
}

/**
 * Words for a player, one per error code. Typed over every `ErrorCode`, so a new code does not
 * compile until it is worded here.
 */
export const ERROR_WORDS: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The request was invalid',
  MALFORMED_JSON: 'The request could not be read',
  UNSUPPORTED_MEDIA_TYPE: 'The request was sent in a format the server does not accept',
  PAYLOAD_TOO_LARGE: 'The request was too large',
  HEADERS_TOO_LARGE: 'The request was too large',
  MALFORMED_REQUEST: 'The request could not be read',
  REQUEST_TIMEOUT: 'The request took too long to arrive',
  ROUTE_NOT_FOUND: 'The server does not offer this (is it a different version?)',
  METHOD_NOT_ALLOWED: 'The server does not allow this request',
  NOT_FOUND: 'It no longer exists',
  USERNAME_TAKEN: 'That username is already taken',
  INVALID_CREDENTIALS: 'Wrong username or password',
  INVALID_REFRESH_TOKEN: 'Your session has ended; please log in again',
  UNAUTHENTICATED: 'You are not logged in',
  AUTH_INVALID: 'Your login is not valid; please log in again',
  AUTH_EXPIRED: 'Your login has expired',
  BANNED: 'This account is banned',
  RATE_LIMITED: 'Too many requests; slow down',
  UNKNOWN_COMMAND: 'The server does not know this action (is it a different version?)',
  CLIENT_MISMATCH: 'This installation does not match the connection',
  INSUFFICIENT_RESOURCES: 'Not enough resources',
  QUEUE_FULL: 'The queue is full',
  UNKNOWN_BUILDING: 'Unknown building',
  UNKNOWN_RESEARCH: 'Unknown research',
  REQUIREMENTS_NOT_MET: 'Requirements are not met',
  RESEARCH_BUSY: 'Research is already running',
  WHEEL_COOLDOWN: 'The wheel is cooling down',
  UNKNOWN_UNIT: 'Unknown ship or defense',
  UNIT_LIMIT_REACHED: 'The planet already has the most of this unit it may have',
  NOT_ENOUGH_SHIPS: 'Not enough ships on the planet',
  INVALID_TARGET: 'That target cannot be reached or chosen',
  INVALID_MISSION: 'That mission is not possible for this target or these ships',
  NOT_ENOUGH_FUEL: 'Not enough deuterium for the fuel',
  CARGO_EXCEEDED: 'The cargo is more than the ships can hold',
  TOO_MANY_PLANETS: 'You cannot have another planet yet (Astrophysics raises the limit)',
  FLEET_NOT_RECALLABLE: 'This fleet can no longer be recalled',
  IDEMPOTENCY_KEY_REUSED: 'That request key was already used for another action',
  SERVICE_UNAVAILABLE: 'The server is unavailable right now; try again shortly',
  INTERNAL: 'Something went wrong on the server',
};

/** Words for a player, from an error code (the server's message is kept as detail). */
export function describeError(body: ErrorBody): string {
  // A newer server may send a code this client does not know: then its message stands alone.
  const head = (ERROR_WORDS as Readonly<Record<string, string | undefined>>)[body.code];
  return head ? `${head}: ${body.message}` : body.message;
}
