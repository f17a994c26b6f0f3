// Test data builders for the renderer's pure logic.
import {
  zeroBuildings,
  zeroResearch,
  type BuildingLevels,
  type KnownStreamEvent,
  type QueueItemSnapshot,
  type ShipyardOrderView,
  type StreamEventData,
  type StreamEventMessage,
  type StreamEventType,
} from '@starhold/common';
import type { OutboxCommand } from '../../src/shared/outbox-types.js';
import type { PlanetView } from '@starhold/common';
import type { ServerState } from '../../src/renderer/sync/overlay.js';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const iso = (ms: number): string => new Date(ms).toISOString();

type PlanetOverrides = Partial<Omit<PlanetView, 'queues'>> & { queues?: { building: QueueItemSnapshot[]; shipyard?: ShipyardOrderView[] } };

export function planetView(over: PlanetOverrides & { buildingLevels?: Partial<BuildingLevels> } = {}): PlanetView {
  const { buildingLevels, queues, ...rest } = over;
  return {
    id: 1,
    name: 'Homeworld',
    coords: { galaxy: 1, system: 2, position: 3 },
    fields: 163,
    resources: { metal: 500, crystal: 500, deuterium: 0 },
    storage: { metal: 10_000, crystal: 10_000, deuterium: 10_000 },
    buildings: { ...zeroBuildings(), ...buildingLevels },
    units: {},
    at: iso(T0),
    temperature: { min: 10, max: 50 },
    production: {
      perHour: { metal: 30, crystal: 15, deuterium: 0 },
      actual: { metal: 30, crystal: 15, deuterium: 0 },
      theoretical: { metal: 30, crystal: 15, deuterium: 0 },
      base: { metal: 30, crystal: 15, deuterium: 0 },
      mines: { metal: 0, crystal: 0, deuterium: 0 },
      fusionDeuteriumPerHour: 0,
      multiplier: 1,
    },
    energy: { produced: 0, consumed: 0, balance: 0, factor: 100 },
    buff: null,
    ...rest,
    queues: { building: queues?.building ?? [], shipyard: queues?.shipyard ?? [] },
  };
}

export function queueItem(over: Partial<QueueItemSnapshot> = {}): QueueItemSnapshot {
  return {
    id: 10,
    kind: 'building',
    target: 'metalMine',
    level: 1,
    cost: { metal: 60, crystal: 15, deuterium: 0 },
    queuedAt: iso(T0),
    startsAt: iso(T0),
    endsAt: iso(T0 + 60_000),
    ...over,
  };
}

export function shipyardOrder(over: Partial<ShipyardOrderView> = {}): ShipyardOrderView {
  return {
    id: 20,
    planetId: 1,
    unit: 'smallCargo',
    count: 2,
    delivered: 0,
    cost: { metal: 4000, crystal: 4000, deuterium: 0 },
    unitSeconds: 60,
    queuedAt: iso(T0),
    startsAt: iso(T0),
    endsAt: iso(T0 + 120_000),
    nextUnitAt: iso(T0 + 60_000),
    ...over,
  };
}

export function serverState(planet: PlanetView = planetView()): ServerState {
  return { planets: { [planet.id]: planet }, research: { levels: zeroResearch(), queue: [] } };
}

export function command(seq: number, type: string, payload: unknown, clientId = 'client-aaaaaaaa'): OutboxCommand {
  return { clientId, seq, type, payload, queuedAt: T0 + seq };
}

/** A stream event with its payload checked by its type. */
export function typedEvent<T extends StreamEventType>(seq: number, type: T, data: StreamEventData<T>, at = T0): KnownStreamEvent<T> {
  return { seq, type, data, at: iso(at) } as KnownStreamEvent<T>;
}

/**
 * A stream event as it may arrive from a server other than ours: any type (newer ones included),
 * partial payloads. The reducers must leave the state alone on what they cannot use.
 */
export function streamEvent(seq: number, type: string, data: unknown, at = T0): StreamEventMessage {
  return { seq, type, data, at: iso(at) } as StreamEventMessage;
}
