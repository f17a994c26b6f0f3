import { createAppThunk } from '../../app/thunks.js';
import { ApiError, NetworkError, describeError } from '../../net/errors.js';
import { normalizeServerUrl } from '../../net/rest.js';
import { SERVER_KEY, planetKey } from './scope.js';
import { authFailed, authStarted, serverChosen, signedIn, signedOut } from './sessionSlice.js';

/** The player picked a server address (remembered for next time: the NAS case). */
export const chooseServer = createAppThunk('session/chooseServer', async (input: string, { dispatch, extra }) => {
  const url = normalizeServerUrl(input);
  extra.kv.setItem(SERVER_KEY, url);
  extra.runtime.serverUrl = url;
  dispatch(serverChosen(url));
  const restored = extra.tokens.restore(url);
  const planetId = Number(extra.kv.getItem(planetKey(url)));
  if (restored && planetId > 0) dispatch(signedIn({ player: restored.player, planetId }));
});

/** First start: a remembered address, the page's own origin (browser), or the shell's hint. */
export const boot = createAppThunk('session/boot', async (_: void, { dispatch, extra }) => {
  const remembered = extra.kv.getItem(SERVER_KEY);
  const origin = typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : null;
  const url = origin ?? remembered ?? extra.desktop?.defaultServerUrl ?? null;
  if (url) await dispatch(chooseServer(url));
});

export const signIn = createAppThunk(
  'session/signIn',
  async (a: { mode: 'login' | 'register'; username: string; password: string }, { dispatch, extra, getState, rejectWithValue }) => {
    const url = getState().session.serverUrl;
    if (!url) return rejectWithValue('Choose a server first');
    dispatch(authStarted());
    try {
      const r = a.mode === 'register' ? await extra.rest.register(a.username, a.password) : await extra.rest.login(a.username, a.password);
      extra.tokens.set(url, r);
      const me = await extra.rest.me();
      const planet = me.planets[0];
      if (!planet) throw new Error('This account has no planet');
      extra.kv.setItem(planetKey(url), String(planet.id));
      dispatch(signedIn({ player: r.player, planetId: planet.id }));
      return undefined;
    } catch (e) {
      const msg = e instanceof ApiError ? describeError(e.body) : e instanceof NetworkError ? `Cannot reach ${url}: ${e.message}` : String(e);
      dispatch(authFailed(msg));
      return rejectWithValue(msg);
    }
  },
);

export const signOut = createAppThunk('session/signOut', async (_: void, { dispatch, extra }) => {
  const s = extra.tokens.current();
  if (s) await extra.rest.logout(s.refreshToken).catch(() => undefined);
  extra.tokens.clear();
  dispatch(signedOut());
});
