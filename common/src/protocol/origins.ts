/**
 * The origin of the desktop app's pages: Electron serves the bundled renderer from this privileged
 * custom scheme instead of file://, so the server can allow exactly the desktop app cross-origin
 * (no web page can send this Origin) without opening CORS to `null` or `file://`.
 */
export const DESKTOP_APP_SCHEME = 'starhold';
export const DESKTOP_APP_HOST = 'app';
export const DESKTOP_APP_ORIGIN = `${DESKTOP_APP_SCHEME}://${DESKTOP_APP_HOST}`;
