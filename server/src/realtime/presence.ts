import type { PresenceEntry, PresenceStatus } from '@starhold/common';
import type { Services } from '../services.js';

export interface PresenceConnection {
  playerId: number;
  username: string;
  socketId: string;
}

/**
 * Who is online. Each method returns the presence entries whose visible status changed (to be
 * announced). Async so that a shared store (PostgreSQL or Redis, for several nodes) can
 * implement it later; the in-process store below serves one node.
 */
export interface PresenceStore {
  connect(c: PresenceConnection, now: Date): Promise<PresenceEntry[]>;
  disconnect(socketId: string, now: Date): Promise<PresenceEntry[]>;
  setIdle(socketId: string, idle: boolean, now: Date): Promise<PresenceEntry[]>;
  /** Announces `offline` for players whose last connection has been gone for the grace period. */
  sweep(now: Date): Promise<PresenceEntry[]>;
  /** Players currently online or away (a player within the grace period still counts). */
  list(): Promise<PresenceEntry[]>;
  clear(): Promise<void>;
}

interface PlayerPresence {
  username: string;
  /** socket id → idle */
  sockets: Map<string, boolean>;
  status: Exclude<PresenceStatus, 'offline'>;
  since: Date;
  /** When the last connection closed (offline is announced once the grace period has passed). */
  goneAt: Date | null;
}

/** Per-player connection counts with a grace period before offline, so a quick reconnect does not flap. */
export class InProcessPresence implements PresenceStore {
  private readonly players = new Map<number, PlayerPresence>();
  private readonly socketOwner = new Map<string, number>();

  constructor(private readonly graceMs: number) {}

  async connect(c: PresenceConnection, now: Date): Promise<PresenceEntry[]> {
    this.socketOwner.set(c.socketId, c.playerId);
    const p = this.players.get(c.playerId);
    if (!p) {
      const fresh: PlayerPresence = { username: c.username, sockets: new Map([[c.socketId, false]]), status: 'online', since: now, goneAt: null };
      this.players.set(c.playerId, fresh);
      return [this.entry(c.playerId, fresh)];
    }
    p.username = c.username;
    p.sockets.set(c.socketId, false);
    p.goneAt = null;
    return this.recompute(c.playerId, p, now);
  }

  async disconnect(socketId: string, now: Date): Promise<PresenceEntry[]> {
    const playerId = this.socketOwner.get(socketId);
    this.socketOwner.delete(socketId);
    const p = playerId === undefined ? undefined : this.players.get(playerId);
    if (playerId === undefined || !p || !p.sockets.delete(socketId)) return [];
    if (p.sockets.size > 0) return this.recompute(playerId, p, now);
    p.goneAt = now;
    return this.graceMs <= 0 ? this.sweep(now) : [];
  }

  async setIdle(socketId: string, idle: boolean, now: Date): Promise<PresenceEntry[]> {
    const playerId = this.socketOwner.get(socketId);
    const p = playerId === undefined ? undefined : this.players.get(playerId);
    if (playerId === undefined || !p || !p.sockets.has(socketId)) return [];
    p.sockets.set(socketId, idle);
    return this.recompute(playerId, p, now);
  }

  async sweep(now: Date): Promise<PresenceEntry[]> {
    const gone: PresenceEntry[] = [];
    for (const [playerId, p] of this.players) {
      if (p.sockets.size > 0 || !p.goneAt || now.getTime() - p.goneAt.getTime() < this.graceMs) continue;
      this.players.delete(playerId);
      gone.push({ playerId, username: p.username, status: 'offline', lastSeenAt: p.goneAt.toISOString() });
    }
    return gone;
  }

  async list(): Promise<PresenceEntry[]> {
    return [...this.players].map(([id, p]) => this.entry(id, p)).sort((a, b) => a.playerId - b.playerId);
  }

  async clear(): Promise<void> {
    this.players.clear();
    this.socketOwner.clear();
  }

  private recompute(playerId: number, p: PlayerPresence, now: Date): PresenceEntry[] {
    const status = [...p.sockets.values()].every((idle) => idle) ? 'away' : 'online';
    if (status === p.status) return [];
    p.status = status;
    p.since = now;
    return [this.entry(playerId, p)];
  }

  private entry(playerId: number, p: PlayerPresence): PresenceEntry {
    return { playerId, username: p.username, status: p.status, lastSeenAt: p.since.toISOString() };
  }
}

const stores = new WeakMap<Services, PresenceStore>();

/** The presence store of this server (one per Services), created on first use. */
export function presenceFor(s: Services): PresenceStore {
  let store = stores.get(s);
  if (!store) {
    store = new InProcessPresence(s.config.presenceGraceMs);
    stores.set(s, store);
  }
  return store;
}
