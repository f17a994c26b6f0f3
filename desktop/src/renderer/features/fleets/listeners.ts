import { isAnyOf } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store.js';
import { NetworkError, SessionExpiredError } from '../../net/errors.js';
import { commandAnswered } from '../outbox/outboxSlice.js';
import { streamEventReceived } from '../planet/planetSlice.js';
import { syncedReceived } from '../session/syncActions.js';
import { planetSelected, signedIn } from '../session/sessionSlice.js';
import { shipyardLoaded } from '../shipyard/shipyardSlice.js';
import { reportsLoaded } from '../reports/reportsSlice.js';
import { fleetsCleared, fleetsLoaded, incomingDropped } from './fleetsSlice.js';
import { reportsCleared } from '../reports/reportsSlice.js';
import { tabChosen } from '../ui/uiSlice.js';

/**
 * Fleets, the current planet's shipyard and the report lists follow the server: refetched
 * (debounced) after anything that may have changed them. Events update the planets at once.
 */
export function registerFleetListeners(startListening: AppStartListening): void {
  startListening({
    actionCreator: signedIn,
    effect: (_a, api) => {
      api.dispatch(fleetsCleared());
      api.dispatch(reportsCleared());
    },
  });
  startListening({
    actionCreator: streamEventReceived,
    effect: (action, api) => {
      // Any event that names a fleet ends its announcement (docs/protocol.md, "Stream events").
      const d = action.payload.data;
      if ('fleetId' in d) api.dispatch(incomingDropped(d.fleetId));
    },
  });
  startListening({
    matcher: isAnyOf(signedIn, planetSelected, syncedReceived, streamEventReceived, commandAnswered, tabChosen),
    effect: async (action, api) => {
      api.cancelActiveListeners();
      await api.delay(signedIn.match(action) || tabChosen.match(action) ? 0 : 250);
      const { rest } = api.extra;
      const planetId = api.getState().session.planetId;
      if (planetId === null) return;
      try {
        api.dispatch(fleetsLoaded(await rest.fleets()));
        api.dispatch(shipyardLoaded(await rest.shipyard(planetId)));
        const [battles, espionage] = await Promise.all([rest.battleReports(), rest.espionageReports()]);
        api.dispatch(reportsLoaded({ battles: battles.reports, espionage: espionage.reports }));
      } catch (e) {
        if (!(e instanceof NetworkError) && !(e instanceof SessionExpiredError)) console.warn('fleet refetch failed', e);
      }
    },
  });
}
