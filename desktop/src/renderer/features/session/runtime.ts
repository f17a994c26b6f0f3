import { isAnyOf } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store.js';
import type { AppServices } from '../../app/services.js';
import { SyncClient } from '../../net/sync-client.js';
import { SessionExpiredError } from '../../net/errors.js';
import { newClientId } from '../../sync/outbox-logic.js';
import { connectionChanged, connectionReset } from '../connection/connectionSlice.js';
import { notify } from '../notifications/notificationsSlice.js';
import { commandAnswered, outboxChanged, storageSelected } from '../outbox/outboxSlice.js';
import { planetLoaded, researchLoaded, snapshotReceived, stateCleared, streamEventReceived } from '../planet/planetSlice.js';
import type { PlanetView, ResearchResponse } from '@starhold/common';
import { presenceChanged, presenceCleared } from '../presence/presenceSlice.js';
import { helloReceived, syncedReceived, authProblem } from './syncActions.js';
import { cacheKey, scopeOf } from './scope.js';
import { changeServer, sessionExpired, signedIn, signedOut } from './sessionSlice.js';

interface CachedState {
  planets: Record<number, PlanetView>;
  /** What the research screen shows (the answer of GET /api/v1/research without `labPlanetId`). */
  research: Omit<ResearchResponse, 'labPlanetId'> | null;
}

/**
 * One signed-in session: opens the player's outbox, restores the cached state (so an offline
 * reload still shows the planet), connects, and keeps the access token fresh. Ends on sign-out,
 * server change or expiry; the outbox stays in storage for the next sign-in.
 */
export function registerSessionRuntime(startListening: AppStartListening): void {
  startListening({
    actionCreator: signedIn,
    effect: async (action, api) => {
      api.cancelActiveListeners();
      const extra: AppServices = api.extra;
      const serverUrl = api.getState().session.serverUrl ?? '';
      const scope = scopeOf(serverUrl, action.payload.player.id);
      const d = api.dispatch;
      extra.runtime.sync?.stop();
      d(stateCleared());
      d(presenceCleared());
      d(connectionReset());
      d(storageSelected(extra.storage.kind));

      const cached = readCache(extra, scope);
      if (cached) {
        for (const v of Object.values(cached.planets)) d(planetLoaded({ view: v, clientNow: extra.now() }));
        if (cached.research) d(researchLoaded(cached.research));
      }
      const transport = extra.createTransport(serverUrl);
      const sync = new SyncClient({
        storage: extra.storage,
        transport,
        newClientId: () => newClientId(extra.random),
        token: () => extra.tokens.accessToken(),
        now: extra.now,
        sink: {
          outbox: (commands) => d(outboxChanged(commands)),
          connection: (patch) => d(connectionChanged(patch)),
          hello: (h) => d(helloReceived(h)),
          snapshot: (m) => d(snapshotReceived({ state: m.state, clientNow: extra.now() })),
          event: (e) => d(streamEventReceived(e)),
          synced: (m) => d(syncedReceived(m)),
          presence: (changes) => d(presenceChanged(changes)),
          answered: (command, outcome) => d(commandAnswered({ command, outcome })),
          authProblem: (code, message) => d(authProblem({ code, message })),
        },
      });
      try {
        await sync.open(scope, cached !== null);
      } catch (e) {
        d(notify('error', `The outbox could not be opened: ${String(e)}`));
        return;
      }
      // Superseded while the outbox was opening (a newer sign-in, sign-out, server change or
      // expiry, which the condition below would no longer see): do not start a sync client.
      const now = api.getState().session;
      if (api.signal.aborted || now.screen !== 'main' || now.player?.id !== action.payload.player.id) {
        d(connectionChanged({ state: 'offline' }));
        return;
      }
      extra.runtime.sync = sync;
      sync.start();

      // Keep the access token fresh while signed in; a live socket is told with auth:refresh.
      const refresher = api.fork(async (f) => {
        for (;;) {
          await f.delay(15_000);
          if (extra.tokens.msToExpiry() > 120_000) continue;
          try {
            const s = await extra.tokens.refresh();
            await transport.refreshAuth(s.accessToken).catch(() => undefined);
          } catch (e) {
            if (e instanceof SessionExpiredError) d(sessionExpired('Your session has expired; please log in again. Queued commands are kept.'));
          }
        }
      });
      const cacher = api.fork(async (f) => {
        for (;;) {
          await f.delay(1000);
          writeCache(extra, scope, api.getState().planet);
        }
      });
      try {
        await api.condition(isAnyOf(sessionExpired, signedOut, changeServer));
      } finally {
        refresher.cancel();
        cacher.cancel();
        writeCache(extra, scope, api.getState().planet);
        sync.stop();
        if (extra.runtime.sync === sync) extra.runtime.sync = null;
        d(connectionChanged({ state: 'offline' }));
      }
    },
  });
}

function readCache(extra: AppServices, scope: string): CachedState | null {
  try {
    const raw = extra.kv.getItem(cacheKey(scope));
    return raw ? (JSON.parse(raw) as CachedState) : null;
  } catch {
    return null;
  }
}

function writeCache(
  extra: AppServices,
  scope: string,
  s: {
    planets: Record<number, PlanetView>;
    research: { levels: ResearchResponse['levels']; queue: ResearchResponse['queue'] } | null;
    catalogue: ResearchResponse['catalogue'];
  },
): void {
  if (Object.keys(s.planets).length === 0) return;
  const value: CachedState = { planets: s.planets, research: s.research ? { ...s.research, catalogue: s.catalogue } : null };
  try {
    extra.kv.setItem(cacheKey(scope), JSON.stringify(value));
  } catch {
    /* storage full: the cache is only a convenience */
  }
}
