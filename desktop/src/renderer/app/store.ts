import { combineReducers, configureStore, createListenerMiddleware, type Middleware } from '@reduxjs/toolkit';
import { useDispatch, useSelector } from 'react-redux';
import { connectionSlice } from '../features/connection/connectionSlice.js';
import { notificationsSlice } from '../features/notifications/notificationsSlice.js';
import { outboxSlice } from '../features/outbox/outboxSlice.js';
import { planetSlice } from '../features/planet/planetSlice.js';
import { presenceSlice } from '../features/presence/presenceSlice.js';
import { sessionSlice } from '../features/session/sessionSlice.js';
import { uiSlice } from '../features/ui/uiSlice.js';
import { wheelSlice } from '../features/wheel/wheelSlice.js';
import { shipyardSlice } from '../features/shipyard/shipyardSlice.js';
import { fleetsSlice } from '../features/fleets/fleetsSlice.js';
import { reportsSlice } from '../features/reports/reportsSlice.js';
import { galaxySlice } from '../features/galaxy/galaxySlice.js';
import type { AppServices } from './services.js';

export const rootReducer = combineReducers({
  session: sessionSlice.reducer,
  planet: planetSlice.reducer,
  outbox: outboxSlice.reducer,
  connection: connectionSlice.reducer,
  presence: presenceSlice.reducer,
  notifications: notificationsSlice.reducer,
  wheel: wheelSlice.reducer,
  shipyard: shipyardSlice.reducer,
  fleets: fleetsSlice.reducer,
  reports: reportsSlice.reducer,
  galaxy: galaxySlice.reducer,
  ui: uiSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

function buildStore(services: AppServices, listener: Middleware, preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    ...(preloadedState ? { preloadedState } : {}),
    middleware: (gdm) => gdm({ thunk: { extraArgument: services } }).prepend(listener),
  });
}

export type AppStore = ReturnType<typeof buildStore>;
export type AppDispatch = AppStore['dispatch'];

/** The store plus its listener middleware; `extra` (thunks and listeners) is the AppServices. */
export function createAppStore(services: AppServices, preloadedState?: Partial<RootState>) {
  const listener = createListenerMiddleware<RootState, AppDispatch, AppServices>({ extra: services });
  const store = buildStore(services, listener.middleware as Middleware, preloadedState);
  return { store, startListening: listener.startListening };
}

export type AppStartListening = ReturnType<typeof createAppStore>['startListening'];

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
