import { z } from 'zod';
import { commandEnvelopeSchema, type CommandEnvelope, type CommandOutcome } from './commands.js';
import type { ErrorBody, ErrorCode } from './errors.js';
import type { PlayerStateSnapshot } from './planets.js';
import type { PresenceList } from './rest.js';
import type { StreamEventMessage } from './stream.js';

// The realtime protocol (Socket.IO, default namespace "/"); docs/protocol.md is its prose version.

/** Handshake `auth` of a socket connection. Unknown keys are ignored. */
export const handshakeAuthSchema = z.object({
  /** The access token (JWT) from /api/v1/auth/login|register|refresh. */
  token: z.string().min(1).max(4096),
  /** The installation's client id, as in command envelopes. */
  clientId: commandEnvelopeSchema.shape.clientId,
  /** Last stream seq the client has applied; omitted or null = "I have no state" (snapshot first). */
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** Inbound payload schemas, by client → server event name. */
export const authRefreshSchema = z.object({ token: z.string().min(1).max(4096) });
export type AuthRefreshPayload = z.infer<typeof authRefreshSchema>;

export const pingRttSchema = z.object({ clientTime: z.number().finite() });
export type PingRttPayload = z.infer<typeof pingRttSchema>;

export const socketInboundSchemas = {
  command: commandEnvelopeSchema,
  'auth:refresh': authRefreshSchema,
  'ping:rtt': pingRttSchema,
} as const;

/** Codes a refused connection carries as `connect_error` `message` (and in `data.code`). */
export const ConnectErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  AUTH_INVALID: 'AUTH_INVALID',
  AUTH_EXPIRED: 'AUTH_EXPIRED',
  BANNED: 'BANNED',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const satisfies Partial<Record<ErrorCode, ErrorCode>>;
export type ConnectErrorCode = (typeof ConnectErrorCode)[keyof typeof ConnectErrorCode];

/** Why the server ended a live session (sent as `session:expired` right before it disconnects). */
export const SessionEndCode = { AUTH_EXPIRED: 'AUTH_EXPIRED', BANNED: 'BANNED' } as const;
export type SessionEndCode = (typeof SessionEndCode)[keyof typeof SessionEndCode];

/** Command ack: a CommandOutcome, or `error` when the command was not processed at all (cursor untouched). */
export type CommandAck = CommandOutcome | { status: 'error'; error: ErrorBody };

export type AuthRefreshAck = { ok: true; expiresAt: string } | { ok: false; error: ErrorBody };

export interface PongMessage {
  /** Echo of the ping's clientTime (null if the ping carried none). */
  clientTime: number | null;
  serverTime: string;
}

/** First message on every connection, before any snapshot, event or ack. */
export interface HelloMessage {
  playerId: number;
  username: string;
  serverTime: string;
  /** The newest seq in the player's stream when the connection was accepted. */
  lastSeq: number;
  /** Last command seq applied for the handshake's clientId (0 if none): resend only what is above it. */
  clientCursor: number;
}

/** Full state as of stream seq `lastSeq`; events with seq > lastSeq follow. */
export interface SnapshotMessage {
  lastSeq: number;
  state: PlayerStateSnapshot;
}

/** Sent once the catch-up (snapshot and/or replay) is complete; live events follow. */
export interface SyncedMessage {
  lastSeq: number;
  /** Events replayed on this connection before `synced`. */
  replayed: number;
}

export interface SessionExpiredMessage {
  code: SessionEndCode;
  message: string;
}

/** Server-initiated latency probe; ack it at once. `rttMs` is the server's last measurement of this socket. */
export interface RttProbeMessage {
  serverTime: string;
  rttMs: number | null;
}

export interface ServerToClientEvents {
  hello: (m: HelloMessage) => void;
  snapshot: (m: SnapshotMessage) => void;
  event: (m: StreamEventMessage) => void;
  synced: (m: SyncedMessage) => void;
  presence: (m: PresenceList) => void;
  'session:expired': (m: SessionExpiredMessage) => void;
  rtt: (m: RttProbeMessage, ack: () => void) => void;
}

export interface ClientToServerEvents {
  command: (envelope: CommandEnvelope, ack: (a: CommandAck) => void) => void;
  'auth:refresh': (p: AuthRefreshPayload, ack: (a: AuthRefreshAck) => void) => void;
  'ping:rtt': (p: PingRttPayload, ack: (a: PongMessage) => void) => void;
  'presence:idle': () => void;
  'presence:active': () => void;
}

/** Every client → server event, as a record so that adding an event to the interface without it fails to compile. */
const clientToServerEvents: Record<keyof ClientToServerEvents, true> = {
  command: true,
  'auth:refresh': true,
  'ping:rtt': true,
  'presence:idle': true,
  'presence:active': true,
};
/** The names of ClientToServerEvents at runtime (e.g. for tests that must exercise every inbound event). */
export const CLIENT_TO_SERVER_EVENTS = Object.keys(clientToServerEvents) as (keyof ClientToServerEvents)[];
