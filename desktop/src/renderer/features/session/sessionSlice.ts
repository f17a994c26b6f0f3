import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type Screen = 'server' | 'login' | 'main';

export interface SessionState {
  serverUrl: string | null;
  screen: Screen;
  player: { id: number; username: string } | null;
  planetId: number | null;
  busy: boolean;
  error: string | null;
  /** Why the player was sent back to the login screen (expired session). */
  notice: string | null;
}

export const initialSessionState: SessionState = {
  serverUrl: null,
  screen: 'server',
  player: null,
  planetId: null,
  busy: false,
  error: null,
  notice: null,
};

export const sessionSlice = createSlice({
  name: 'session',
  initialState: initialSessionState,
  reducers: {
    serverChosen(state, a: PayloadAction<string>) {
      state.serverUrl = a.payload;
      state.screen = 'login';
      state.error = null;
    },
    changeServer(state) {
      state.screen = 'server';
      state.player = null;
      state.planetId = null;
    },
    authStarted(state) {
      state.busy = true;
      state.error = null;
    },
    authFailed(state, a: PayloadAction<string>) {
      state.busy = false;
      state.error = a.payload;
    },
    signedIn(state, a: PayloadAction<{ player: { id: number; username: string }; planetId: number }>) {
      state.busy = false;
      state.error = null;
      state.notice = null;
      state.player = a.payload.player;
      state.planetId = a.payload.planetId;
      state.screen = 'main';
    },
    /** The planet switcher: every screen shows this planet. */
    planetSelected(state, a: PayloadAction<number>) {
      state.planetId = a.payload;
    },
    /** The session cannot be renewed: back to login; the outbox stays on disk for the next login. */
    sessionExpired(state, a: PayloadAction<string>) {
      state.screen = 'login';
      state.busy = false;
      state.notice = a.payload;
    },
    signedOut(state) {
      state.screen = 'login';
      state.player = null;
      state.planetId = null;
      state.notice = null;
    },
  },
});

export const { serverChosen, changeServer, authStarted, authFailed, signedIn, planetSelected, sessionExpired, signedOut } = sessionSlice.actions;
