import type { StarholdDesktopApi } from '../../shared/desktop-api.js';
import type { OutboxStorage } from '../../shared/outbox-types.js';
import { RestClient, postJson } from '../net/rest.js';
import type { SyncClient } from '../net/sync-client.js';
import { TokenKeeper, type KeyValueStore } from '../net/tokens.js';
import type { Transport } from '../net/transport.js';
import type { SessionResponse } from '@starhold/common';

/**
 * The non-serialisable parts of the app (network, storage, the desktop bridge). Listeners and
 * thunks reach them through `extra`; the store never holds them.
 */
export interface AppServices {
  rest: RestClient;
  tokens: TokenKeeper;
  storage: OutboxStorage;
  desktop: StarholdDesktopApi | null;
  kv: KeyValueStore;
  createTransport(serverUrl: string): Transport;
  /** The running sync client of the signed-in session (null when signed out). */
  runtime: { sync: SyncClient | null; serverUrl: string };
  now(): number;
  random(n: number): Uint8Array;
}

export function createServices(opts: {
  storage: OutboxStorage;
  desktop: StarholdDesktopApi | null;
  kv: KeyValueStore;
  createTransport(serverUrl: string): Transport;
  /** Wall clock (tests pass the server's manual clock). */
  now?: () => number;
}): AppServices {
  const runtime = { sync: null as SyncClient | null, serverUrl: '' };
  const now = opts.now ?? (() => Date.now());
  const tokens = new TokenKeeper(opts.kv, (url, refreshToken) => postJson<SessionResponse>(url, '/api/v1/auth/refresh', { refreshToken }), now);
  return {
    rest: new RestClient(() => runtime.serverUrl, tokens),
    tokens,
    storage: opts.storage,
    desktop: opts.desktop,
    kv: opts.kv,
    createTransport: opts.createTransport,
    runtime,
    now,
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
  };
}
