import { describe, expect, it } from '@jest/globals';
import { zeroResearch } from '@starhold/common';
import {
  planetSlice,
  planetLoaded,
  snapshotReceived,
  streamEventReceived,
  initialPlanetState,
} from '../../src/renderer/features/planet/planetSlice.js';
import { presenceSlice, presenceChanged, presenceListed } from '../../src/renderer/features/presence/presenceSlice.js';
import { notificationsSlice, notify, notificationsRead, MAX_NOTICES } from '../../src/renderer/features/notifications/notificationsSlice.js';
import { connectionSlice, connectionChanged } from '../../src/renderer/features/connection/connectionSlice.js';
import { sessionSlice, serverChosen, signedIn, sessionExpired } from '../../src/renderer/features/session/sessionSlice.js';
import { wheelSlice, spinQueued, spinLanded, wheelStatusLoaded } from '../../src/renderer/features/wheel/wheelSlice.js';
import type { SpinResult, WheelStatus } from '@starhold/common';
import { T0, iso, planetView, queueItem, streamEvent } from './factories.js';

const planet = planetSlice.reducer;

describe('planet slice', () => {
  it('keeps the newer state when an older REST answer arrives after an event', () => {
    let s = planet(
      initialPlanetState,
      planetLoaded({ view: planetView({ at: iso(T0 + 5000), resources: { metal: 900, crystal: 0, deuterium: 0 } }), clientNow: T0 }),
    );
    s = planet(s, planetLoaded({ view: planetView({ at: iso(T0 + 1000), resources: { metal: 100, crystal: 0, deuterium: 0 } }), clientNow: T0 }));
    expect(s.planets[1]!.resources.metal).toBe(900);
    expect(s.clockOffsetMs).toBe(5000);
  });

  it('a snapshot replaces the state', () => {
    let s = planet(initialPlanetState, planetLoaded({ view: planetView({ id: 9 }), clientNow: T0 }));
    s = planet(
      s,
      snapshotReceived({
        state: {
          player: { id: 1, username: 'a', createdAt: iso(T0) },
          planets: [planetView({ id: 2 })],
          research: { levels: zeroResearch(), queue: [] },
        },
        clientNow: T0,
      }),
    );
    expect(Object.keys(s.planets)).toEqual(['2']);
    expect(s.research?.queue).toEqual([]);
  });

  it('applies queue.updated: adds the item, takes the amounts and their instant', () => {
    let s = planet(initialPlanetState, planetLoaded({ view: planetView(), clientNow: T0 }));
    const added = queueItem({ id: 5 });
    s = planet(
      s,
      streamEventReceived(
        streamEvent(1, 'queue.updated', { planetId: 1, kind: 'building', added, resources: { metal: 440, crystal: 485, deuterium: 0 } }, T0 + 2000),
      ),
    );
    expect(s.planets[1]!.queues.building).toEqual([added]);
    expect(s.planets[1]!.resources.metal).toBe(440);
    expect(s.planets[1]!.at).toBe(iso(T0 + 2000));
    // Applying the same event again changes nothing (replays may overlap a refetch).
    const again = planet(
      s,
      streamEventReceived(
        streamEvent(1, 'queue.updated', { planetId: 1, kind: 'building', added, resources: { metal: 440, crystal: 485, deuterium: 0 } }, T0 + 2000),
      ),
    );
    expect(again.planets[1]).toEqual(s.planets[1]);
  });

  it('applies building.completed: sets the level, removes the item, starts the next', () => {
    const q = [
      queueItem({ id: 5, target: 'metalMine', level: 1 }),
      queueItem({ id: 6, target: 'solarPlant', level: 1, startsAt: null, endsAt: null }),
    ];
    let s = planet(initialPlanetState, planetLoaded({ view: planetView({ queues: { building: q } }), clientNow: T0 }));
    const next = queueItem({ id: 6, target: 'solarPlant', level: 1, startsAt: iso(T0 + 60_000), endsAt: iso(T0 + 90_000) });
    s = planet(
      s,
      streamEventReceived(
        streamEvent(2, 'building.completed', {
          planetId: 1,
          building: 'metalMine',
          level: 1,
          resources: { metal: 1, crystal: 2, deuterium: 3 },
          next,
        }),
      ),
    );
    expect(s.planets[1]!.buildings.metalMine).toBe(1);
    expect(s.planets[1]!.queues.building).toEqual([next]);
  });

  it('applies research.completed and ignores unknown event types', () => {
    let s = planet(
      initialPlanetState,
      snapshotReceived({
        state: {
          player: { id: 1, username: 'a', createdAt: iso(T0) },
          planets: [planetView()],
          research: { levels: zeroResearch(), queue: [queueItem({ id: 7, kind: 'research', target: 'energy' })] },
        },
        clientNow: T0,
      }),
    );
    const before = s;
    s = planet(s, streamEventReceived(streamEvent(3, 'fleet.arrived', {})));
    expect(s).toBe(before);
    s = planet(s, streamEventReceived(streamEvent(4, 'research.completed', { research: 'energy', level: 1, next: null })));
    expect(s.research!.levels.energy).toBe(1);
    expect(s.research!.queue).toEqual([]);
  });
});

describe('presence slice', () => {
  const entry = (playerId: number, username: string, status: 'online' | 'away' | 'offline') => ({ playerId, username, status, lastSeenAt: iso(T0) });
  it('tracks live changes and keeps players who went offline', () => {
    let s = presenceSlice.reducer(undefined, presenceListed([entry(1, 'a', 'online'), entry(2, 'b', 'away')]));
    s = presenceSlice.reducer(s, presenceChanged([entry(2, 'b', 'offline'), entry(4, 'd', 'online')]));
    expect(s.byId[2]!.status).toBe('offline');
    expect(s.byId[4]!.status).toBe('online');
    // A later list without "a" means "a" is no longer online.
    s = presenceSlice.reducer(s, presenceListed([entry(3, 'c', 'online')]));
    expect(Object.values(s.byId).map((p) => [p.username, p.status])).toEqual([
      ['a', 'offline'],
      ['b', 'offline'],
      ['c', 'online'],
      ['d', 'offline'],
    ]);
  });
});

describe('notifications slice', () => {
  it('adds newest first, counts unread and keeps at most MAX_NOTICES', () => {
    let s = notificationsSlice.reducer(undefined, notify('info', 'one', T0));
    s = notificationsSlice.reducer(s, notify('error', 'two', T0 + 1));
    expect(s.items.map((n) => [n.id, n.text])).toEqual([
      [2, 'two'],
      [1, 'one'],
    ]);
    expect(s.unread).toBe(2);
    s = notificationsSlice.reducer(s, notificationsRead());
    expect(s.unread).toBe(0);
    for (let i = 0; i < MAX_NOTICES + 5; i++) s = notificationsSlice.reducer(s, notify('info', `n${i}`, T0));
    expect(s.items).toHaveLength(MAX_NOTICES);
  });
});

describe('connection slice', () => {
  it('forgets the latency when the connection drops', () => {
    let s = connectionSlice.reducer(undefined, connectionChanged({ state: 'connected', latencyMs: 12, transport: 'websocket' }));
    expect(s.latencyMs).toBe(12);
    s = connectionSlice.reducer(s, connectionChanged({ state: 'offline', attempts: 3 }));
    expect(s).toMatchObject({ state: 'offline', latencyMs: null, attempts: 3, transport: 'websocket' });
  });
});

describe('session slice', () => {
  it('an expired session goes to login and keeps who was signed in', () => {
    let s = sessionSlice.reducer(undefined, serverChosen('http://nas.local:3000'));
    s = sessionSlice.reducer(s, signedIn({ player: { id: 3, username: 'ann' }, planetId: 7 }));
    expect(s.screen).toBe('main');
    s = sessionSlice.reducer(s, sessionExpired('log in again'));
    expect(s).toMatchObject({ screen: 'login', notice: 'log in again', serverUrl: 'http://nas.local:3000', player: { id: 3 } });
  });
});

describe('wheel slice', () => {
  it('lands a spin: result, cooldown and buff', () => {
    const status: WheelStatus = {
      cost: { metal: 1000, crystal: 500, deuterium: 200 },
      cooldownSeconds: 300,
      buffSeconds: 300,
      nextSpinAt: null,
      odds: [],
      activeBuffs: [],
      commitment: 'c',
      nonce: 0,
    };
    const result: SpinResult = {
      spinId: 4,
      planetId: 1,
      outcome: 'x2',
      multiplier: 2,
      nonce: 0,
      commitment: 'c',
      nextSpinAt: iso(T0 + 300_000),
      buff: { planetId: 1, multiplier: 2, startsAt: iso(T0), endsAt: iso(T0 + 300_000) },
      resources: { metal: 0, crystal: 0, deuterium: 0 },
    };
    let s = wheelSlice.reducer(undefined, wheelStatusLoaded(status));
    s = wheelSlice.reducer(s, spinQueued(12));
    expect(s.spinningSeq).toBe(12);
    s = wheelSlice.reducer(s, spinLanded(result));
    expect(s.spinningSeq).toBeNull();
    expect(s.status).toMatchObject({ nextSpinAt: result.nextSpinAt, nonce: 1, activeBuffs: [result.buff] });
  });
});
