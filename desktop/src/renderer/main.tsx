import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import type { StarholdDesktopApi } from '../shared/desktop-api.js';
import { App } from './app/App.js';
import { createServices } from './app/services.js';
import { createAppStore } from './app/store.js';
import { registerListeners } from './app/listeners.js';
import { watchIdle } from './app/idle.js';
import { boot } from './features/session/thunks.js';
import { createOutboxStorage } from './net/outbox-storage.js';
import { SocketTransport } from './net/socket-transport.js';
import './styles.css';

declare global {
  interface Window {
    /** Present only inside the Electron shell (preload). */
    starhold?: StarholdDesktopApi;
  }
}

const desktop = window.starhold ?? null;
const services = createServices({
  storage: createOutboxStorage(desktop),
  desktop,
  kv: window.localStorage,
  createTransport: (serverUrl) => new SocketTransport({ serverUrl }),
});
const { store, startListening } = createAppStore(services);
registerListeners(startListening);
watchIdle(services);
void store.dispatch(boot());

// In a browser, an app-shell cache lets the game (and its outbox) load while the server is away.
if (/^https?:$/.test(location.protocol) && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline shell unavailable', e));
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
