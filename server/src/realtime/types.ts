import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@starhold/common';

/** Per-socket state, set by the handshake middleware. */
export interface SocketData {
  playerId: number;
  username: string;
  clientId: string;
  /** Handshake lastSeq: undefined = the client has no state (snapshot first). */
  lastSeq: number | undefined;
  /** Access token expiry (ms since epoch, server clock); renewed by auth:refresh. */
  expiresAt: number;
  /** Last server-measured round-trip time. */
  rttMs: number | null;
  /** True once `hello` was sent (probes and presence broadcasts start then). */
  ready: boolean;
  /** Set when the server ends the session (the disconnect reason recorded in metrics). */
  endReason: string | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no inter-server events yet
export interface InterServerEvents {}

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Room of all sockets of one player (stream events go there). */
export const playerRoom = (playerId: number): string => `player:${playerId}`;
/** Room of every socket that sees presence (the whole universe, for now). */
export const UNIVERSE_ROOM = 'universe';
