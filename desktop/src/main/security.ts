/**
 * The shell's security policy as pure functions, so it is tested without Electron:
 * which navigations a window may perform, what `window.open` does, and the web preferences
 * every window gets.
 */

/** Content-Security-Policy of the renderer. `connect-src` allows any http(s)/ws(s) origin because
 * the player chooses the server address (a NAS on the LAN, a VPS); nothing else may load. */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  'connect-src http: https: ws: wss:',
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
].join('; ');

/** Web preferences of every window: isolated, sandboxed, no Node in the page. */
export function hardenedWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/**
 * May the window navigate from its app page to `target`? Only to the app's own entry page
 * (a reload); every other URL (a link to the server, a foreign site, javascript:) is blocked.
 */
export function isAllowedNavigation(target: string, appEntryUrl: string): boolean {
  let t: URL;
  let app: URL;
  try {
    t = new URL(target);
    app = new URL(appEntryUrl);
  } catch {
    return false;
  }
  if (t.protocol !== app.protocol) return false;
  if (t.protocol === 'file:') return t.pathname === app.pathname;
  if (t.protocol === 'http:' || t.protocol === 'https:') return t.origin === app.origin;
  // The app's own scheme (starhold://app): Node's URL gives custom schemes an opaque "null"
  // origin, so compare scheme and host explicitly.
  return t.host !== '' && t.host === app.host;
}

export interface WindowOpenDecision {
  action: 'deny';
  /** http(s) links are handed to the system browser instead of opening a window. */
  openExternally: string | null;
}

/** `window.open` and `target=_blank` never create a window. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') return { action: 'deny', openExternally: u.toString() };
  } catch {
    /* not a URL */
  }
  return { action: 'deny', openExternally: null };
}

/** The renderer may never ask for camera, microphone, geolocation, … */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

/**
 * Maps a `starhold://app/<path>` request of the app's own scheme to a file inside the bundled
 * renderer folder, or null (wrong host, traversal outside the folder, bad URL). `/` is index.html.
 */
export function appFilePath(requestUrl: string, rendererDir: string, origin: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (`${u.protocol}//${u.host}` !== origin) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = rendererDir.replace(/[\\/]+$/, '');
  const parts = rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\0'))) return null;
  return [root, ...parts].join('/');
}
