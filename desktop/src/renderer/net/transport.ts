import type {
  AuthRefreshAck,
  CommandAck,
  CommandEnvelope,
  HelloMessage,
  PresenceEntry,
  SessionExpiredMessage,
  SnapshotMessage,
  StreamEventMessage,
  SyncedMessage,
} from '@starhold/common';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

/** What a transport reports; the SyncClient turns it into outbox work and store actions. */
export interface TransportHandlers {
  state(state: ConnectionState, info: { attempts: number; transport: string; error?: string }): void;
  hello(h: HelloMessage): void;
  snapshot(m: SnapshotMessage): void;
  event(e: StreamEventMessage): void;
  synced(m: SyncedMessage): void;
  /** One `presence` message: the players whose status changed in the server's batch window. */
  presence(changes: PresenceEntry[]): void;
  latency(ms: number): void;
  /** The server ended the session (`session:expired`) or refused the handshake for its token. */
  authProblem(code: string, message: string): void;
}

/** What the transport needs for every (re)connect; read fresh each time (the token rotates). */
export interface HandshakeParams {
  token: string | null;
  clientId: string;
  /** null = "I have no state": the server sends a snapshot first. */
  lastSeq: number | null;
}

/** The link to the server. One implementation per wire (Socket.IO today). */
export interface Transport {
  readonly name: string;
  connect(handlers: TransportHandlers, params: () => HandshakeParams): void;
  disconnect(): void;
  /** Reconnect at once (after a token refresh, or to get a replay after a stream gap). */
  reconnect(): void;
  /** Rejects when there is no live connection; the command stays in the outbox. */
  sendCommand(envelope: CommandEnvelope): Promise<CommandAck>;
  refreshAuth(token: string): Promise<AuthRefreshAck>;
  setIdle(idle: boolean): void;
}

export type { SessionExpiredMessage };
