import type { SessionResponse } from '@starhold/common';
import { ApiError, NetworkError, SessionExpiredError } from './errors.js';

export interface StoredSession {
  serverUrl: string;
  player: { id: number; username: string };
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

/** Where the session is remembered between runs (localStorage in both shells). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type RefreshCall = (serverUrl: string, refreshToken: string) => Promise<SessionResponse>;

const key = (serverUrl: string): string => `starhold.session:${serverUrl}`;
const deviceKey = (serverUrl: string, username: string): string => `starhold.device:${serverUrl}:${username.toLowerCase()}`;

/**
 * Holds the tokens of the signed-in player (not in Redux: they are secrets and change under the
 * socket's feet). Refreshes are single-flight: concurrent callers share one rotation, because a
 * refresh token may be used only once.
 */
export class TokenKeeper {
  private session: StoredSession | null = null;
  private inflight: Promise<StoredSession> | null = null;
  private readonly listeners = new Set<(s: StoredSession | null) => void>();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly refreshCall: RefreshCall,
    private readonly now: () => number = Date.now,
  ) {}

  restore(serverUrl: string): StoredSession | null {
    const raw = this.kv.getItem(key(serverUrl));
    if (!raw) return null;
    try {
      const s = JSON.parse(raw) as StoredSession;
      if (typeof s.accessToken !== 'string' || typeof s.refreshToken !== 'string' || typeof s.player?.id !== 'number') return null;
      this.session = { ...s, serverUrl };
      return this.session;
    } catch {
      return null;
    }
  }

  set(serverUrl: string, r: SessionResponse): StoredSession {
    this.session = {
      serverUrl,
      player: r.player,
      accessToken: r.accessToken,
      accessTokenExpiresAt: r.accessTokenExpiresAt,
      refreshToken: r.refreshToken,
    };
    this.kv.setItem(key(serverUrl), JSON.stringify(this.session));
    if (r.deviceToken) this.kv.setItem(deviceKey(serverUrl, r.player.username), r.deviceToken);
    for (const l of this.listeners) l(this.session);
    return this.session;
  }

  /**
   * The device token of the last session of `username` on this server: sent with the next login,
   * it lets this device sign in even while others flood the username with wrong passwords. Kept
   * after signing out (the device stays known).
   */
  deviceToken(serverUrl: string, username: string): string | null {
    return this.kv.getItem(deviceKey(serverUrl, username));
  }

  clear(): void {
    if (this.session) this.kv.removeItem(key(this.session.serverUrl));
    this.session = null;
    for (const l of this.listeners) l(null);
  }

  current(): StoredSession | null {
    return this.session;
  }

  accessToken(): string | null {
    return this.session?.accessToken ?? null;
  }

  /** Milliseconds until the access token expires (negative when it has). */
  msToExpiry(): number {
    return this.session ? Date.parse(this.session.accessTokenExpiresAt) - this.now() : -1;
  }

  onChange(l: (s: StoredSession | null) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /**
   * Rotates the refresh token. Resolves with the new session; rejects with SessionExpiredError when
   * the server refuses the refresh token, or NetworkError when it cannot be reached or asks to slow
   * down (429 RATE_LIMITED: the token was not looked at and stays valid) — keep waiting.
   */
  refresh(): Promise<StoredSession> {
    if (this.inflight) return this.inflight;
    const s = this.session;
    if (!s) return Promise.reject(new SessionExpiredError('Not signed in'));
    this.inflight = this.refreshCall(s.serverUrl, s.refreshToken)
      .then(
        (r) => this.set(s.serverUrl, r),
        (e: unknown) => {
          if (e instanceof NetworkError) throw e;
          if (e instanceof ApiError && (e.status >= 500 || e.status === 429)) throw new NetworkError(e.message);
          throw new SessionExpiredError();
        },
      )
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}
