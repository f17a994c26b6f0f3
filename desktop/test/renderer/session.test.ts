// The whole renderer store (slices, listeners, thunks) with the real network layer against the
// real server and gateway: signing in, and an expired session going to login without losing
// the outbox.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../../../server/test/harness.js';
import { gatewayPlugin } from '../../../server/src/realtime/gateway.js';
import { waitFor } from '../../../server/test/support/wait-for.js';
import { createServices, type AppServices } from '../../src/renderer/app/services.js';
import { createAppStore, type AppStore, type RootState } from '../../src/renderer/app/store.js';
import { registerListeners } from '../../src/renderer/app/listeners.js';
import { chooseServer, signIn } from '../../src/renderer/features/session/thunks.js';
import { signedOut } from '../../src/renderer/features/session/sessionSlice.js';
import { planetKey, scopeOf } from '../../src/renderer/features/session/scope.js';
import { queueCommand } from '../../src/renderer/features/commands.js';
import { MemoryOutboxStorage } from '../../src/renderer/net/memory-outbox.js';
import { SocketTransport } from '../../src/renderer/net/socket-transport.js';
import type { SessionResponse } from '@starhold/common';
import { MapKv } from './map-kv.js';

/** Waits until the store's state satisfies `check`; on timeout says which state it stayed in. */
async function until(store: AppStore, check: (s: RootState) => boolean, timeoutMs = 20_000): Promise<void> {
  const seen = () => {
    const s = store.getState();
    return { holds: check(s), screen: s.session.screen, connection: s.connection.state, outbox: s.outbox.commands.length };
  };
  await waitFor(seen, { what: `the store to reach ${check.toString()}`, until: (v) => v.holds, timeoutMs });
}

describe('renderer store against the real server', () => {
  let t: TestServer;
  const stores: { store: AppStore; services: AppServices }[] = [];
  beforeAll(async () => {
    // Warnings on: the server logs what its shutdown had to cut off (see the cleanup below).
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' }, plugins: () => [gatewayPlugin()] });
  });
  afterAll(async () => {
    // Ending the session ends its runtime (socket, token refresher, cache writer). Cleanup only:
    // a store that does not get there in time is reported, and its sync client stopped directly.
    for (const { store, services } of stores) {
      store.dispatch(signedOut());
      const offline = await until(store, (s) => s.connection.state === 'offline', 10_000).then(
        () => true,
        () => false,
      );
      if (!offline) {
        const { connection, session } = store.getState();
        console.warn(
          `cleanup: sign-out did not reach "offline" within 10 s (connection ${connection.state}, screen ${session.screen}); stopping its sync client`,
        );
        services.runtime.sync?.stop();
      }
    }
    // Bounded as well, with a printed reason: in two CI runs (never here) stopping this server
    // did not finish within 40 s although both stores were offline. Its own warnings (above) say
    // which step had to be cut off; a hang past them is reported here instead of failing the suite.
    const started = Date.now();
    const stopped = await Promise.race([
      (t ? t.stop() : Promise.resolve()).then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 30_000).unref()),
    ]);
    if (!stopped) console.warn(`cleanup: the test server did not stop within ${Date.now() - started} ms; leaving it to the worker's exit`);
  }, 60_000);

  function app(storage = new MemoryOutboxStorage(), kv = new MapKv()) {
    const services = createServices({
      storage,
      desktop: null,
      kv,
      now: () => t.clock.now().getTime(),
      createTransport: (url) => new SocketTransport({ serverUrl: url, pingEveryMs: 60_000 }),
    });
    const { store, startListening } = createAppStore(services);
    registerListeners(startListening);
    stores.push({ store, services });
    return { store, services };
  }

  it('registers, connects, shows the server state and applies a command', async () => {
    const { store } = app();
    await store.dispatch(chooseServer(t.url));
    await store.dispatch(signIn({ mode: 'register', username: 'storey', password: 'correct-horse-battery' }));
    await until(store, (s) => s.connection.state === 'connected' && Object.keys(s.planet.planets).length === 1);
    const planetId = store.getState().session.planetId!;
    await store.dispatch(queueCommand({ type: 'buildings.upgrade', payload: { planetId, building: 'metalMine' } }));
    await until(store, (s) => s.outbox.commands.length === 0 && s.planet.planets[planetId]!.queues.building.length === 1);
    expect(store.getState().planet.planets[planetId]!.resources.metal).toBe(500 - 60);
    expect(store.getState().connection.lastSyncAt).not.toBeNull();
  });

  it('an expired session goes to login, keeps the outbox, and sends it once after login', async () => {
    const reg = await t.api.register('expiry', 'correct-horse-battery');
    const storage = new MemoryOutboxStorage();
    const kv = new MapKv();
    // What an earlier run left behind: a remembered session and one command queued offline.
    const session: SessionResponse = {
      player: { id: reg.playerId, username: 'expiry' },
      accessToken: reg.token,
      accessTokenExpiresAt: new Date(t.clock.now().getTime() + 900_000).toISOString(),
      refreshToken: reg.refreshToken,
      deviceToken: '',
    };
    kv.setItem(`starhold.session:${t.url}`, JSON.stringify({ serverUrl: t.url, ...session }));
    kv.setItem(planetKey(t.url), String(reg.planetId));
    const scope = scopeOf(t.url, reg.playerId);
    await storage.save(scope, {
      version: 1,
      clientId: 'expiry-client-1',
      nextSeq: 2,
      lastEventSeq: 0,
      commands: [
        { clientId: 'expiry-client-1', seq: 1, type: 'buildings.upgrade', payload: { planetId: reg.planetId, building: 'solarPlant' }, queuedAt: 0 },
      ],
    });
    // The player comes back after both tokens have expired.
    t.clock.advance(31 * 24 * 3600 * 1000);

    const { store } = app(storage, kv);
    await store.dispatch(chooseServer(t.url));
    await until(store, (s) => s.session.screen === 'login' && s.session.notice !== null);
    expect(store.getState().session.notice).toMatch(/expired/);
    expect(store.getState().outbox.commands.map((c) => c.seq)).toEqual([1]);
    expect((await storage.load(scope))!.commands).toHaveLength(1);

    await store.dispatch(signIn({ mode: 'login', username: 'expiry', password: 'correct-horse-battery' }));
    await until(store, (s) => s.session.screen === 'main' && s.connection.state === 'connected' && s.outbox.commands.length === 0);
    const log = await t.services.orm.em
      .fork()
      .execute<{ seq: string; status: string }[]>('select seq, status from command_log where player_id = ? order by seq', [reg.playerId]);
    expect(log).toEqual([{ seq: '1', status: 'applied' }]);
    expect((await storage.load(scope))!.commands).toEqual([]);
  });
});
