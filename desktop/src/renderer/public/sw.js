// Offline app shell for the browser client: the page and its assets load from this cache when
// the server is away, so a reload while offline still shows the game and its outbox (IndexedDB).
// Never touches the API or the socket. Electron loads from file:// and does not use it.
const CACHE = 'starhold-shell-v1';
const BYPASS = /^\/(api|socket\.io|metrics)(\/|$)/;

async function precache() {
  const cache = await caches.open(CACHE);
  const res = await fetch('./', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('./', res);
  const assets = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || BYPASS.test(url.pathname)) return;
  if (req.mode === 'navigate') {
    // Network first: a running server always serves the newest client.
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(req);
          if (res.ok) (await caches.open(CACHE)).put('./', res.clone());
          return res;
        } catch {
          return (await caches.match('./', { ignoreVary: true })) ?? Response.error();
        }
      })(),
    );
    return;
  }
  // Hashed assets never change: cache first, filling the cache on the way. The server answers
  // `Vary: Origin` (CORS), and module scripts are fetched with an Origin the precache did not
  // send, so the match ignores Vary.
  event.respondWith(
    (async () => {
      const hit = await caches.match(req, { ignoreVary: true });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && url.pathname.includes('/assets/')) (await caches.open(CACHE)).put(req, res.clone());
      return res;
    })(),
  );
});
