import { isAnyOf } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store.js';
import { NetworkError, SessionExpiredError } from '../../net/errors.js';
import { commandAnswered } from '../outbox/outboxSlice.js';
import { planetLoaded, researchLoaded, streamEventReceived } from '../planet/planetSlice.js';
import { presenceListed } from '../presence/presenceSlice.js';
import { wheelHistoryLoaded, wheelStatusLoaded } from '../wheel/wheelSlice.js';
import { connectionChanged } from '../connection/connectionSlice.js';
import { authProblem, syncedReceived } from './syncActions.js';
import { planetSelected, sessionExpired, signedIn } from './sessionSlice.js';

const EXPIRED_NOTICE = 'Your session has expired; please log in again. Queued commands are kept and will be sent after login.';

/** Session-wide reactions: refetching state, renewing tokens on auth problems. */
export function registerSessionListeners(startListening: AppStartListening): void {
  // Debounced refetch of the REST views after anything that changed the server state. Events
  // carry the amounts; the refetch brings everything derived (rates, energy, times).
  startListening({
    matcher: isAnyOf(signedIn, planetSelected, syncedReceived, streamEventReceived, commandAnswered),
    effect: async (action, api) => {
      api.cancelActiveListeners();
      await api.delay(signedIn.match(action) ? 0 : 250);
      const { rest, now } = api.extra;
      const planetId = api.getState().session.planetId;
      if (planetId === null) return;
      try {
        const started = now();
        const view = await rest.planet(planetId);
        api.dispatch(planetLoaded({ view, clientNow: started + (now() - started) / 2 }));
        api.dispatch(researchLoaded(await rest.research()));
        api.dispatch(presenceListed((await rest.presence()).players));
        api.dispatch(wheelStatusLoaded(await rest.wheel()));
        api.dispatch(wheelHistoryLoaded((await rest.wheelHistory()).spins));
        api.dispatch(connectionChanged({ lastSyncAt: now() }));
      } catch (e) {
        if (e instanceof SessionExpiredError) api.dispatch(sessionExpired(EXPIRED_NOTICE));
        else if (!(e instanceof NetworkError)) console.warn('refetch failed', e);
      }
    },
  });

  // The gateway refused our token or ended the session: renew and reconnect, or go to login.
  startListening({
    actionCreator: authProblem,
    effect: async (action, api) => {
      api.cancelActiveListeners();
      const { tokens, runtime } = api.extra;
      if (action.payload.code === 'BANNED') {
        api.dispatch(sessionExpired('This account is banned.'));
        return;
      }
      for (let attempt = 0; ; attempt += 1) {
        try {
          await tokens.refresh();
          runtime.sync?.reconnect();
          return;
        } catch (e) {
          if (e instanceof SessionExpiredError) {
            api.dispatch(sessionExpired(EXPIRED_NOTICE));
            return;
          }
          // Server unreachable: try again with backoff (the socket is retrying too).
          await api.delay(Math.min(30_000, 1000 * 2 ** attempt));
        }
      }
    },
  });
}
