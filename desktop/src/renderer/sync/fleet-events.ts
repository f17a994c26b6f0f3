// How the shipyard and fleet stream events change the planets the client holds (docs/protocol.md,
// "Stream events"). Like the other reducers these only replace amounts and upsert by id, so a
// replay that overlaps a refetch does no harm.
import type { Resources, ShipyardOrderView, StreamEventMessage } from '@starhold/common';
import type { PlanetView } from '../net/api-types.js';
import type { ServerState } from './overlay.js';

interface PlanetPatch {
  planetId: number;
  resources?: Resources;
  units?: Record<string, number>;
  shipyard?: (queue: ShipyardOrderView[]) => ShipyardOrderView[];
}

function patch(state: ServerState, p: PlanetPatch, at: string): ServerState {
  const planet: PlanetView | undefined = state.planets[p.planetId];
  if (!planet) return state;
  const next: PlanetView = { ...planet };
  if (p.resources) {
    next.resources = p.resources;
    next.at = at;
  }
  if (p.units) next.units = p.units;
  if (p.shipyard) next.queues = { ...planet.queues, shipyard: p.shipyard(planet.queues.shipyard ?? []) };
  return { ...state, planets: { ...state.planets, [p.planetId]: next } };
}

function upsertOrder(queue: ShipyardOrderView[], o: ShipyardOrderView): ShipyardOrderView[] {
  return [...queue.filter((q) => q.id !== o.id), o].sort((a, b) => a.id - b.id);
}

type Data = Record<string, unknown> & { planetId?: number; resources?: Resources; units?: Record<string, number> };

/** The state after a shipyard or fleet event; other types change nothing. */
export function applyFleetEvent(state: ServerState, e: StreamEventMessage): ServerState {
  const d = (e.data ?? {}) as Data;
  switch (e.type) {
    case 'queue.updated': {
      // kind 'shipyard' (building and research are handled by applyStreamEvent).
      const added = d.added as ShipyardOrderView | undefined;
      if (d.planetId === undefined) return state;
      return patch(state, { planetId: d.planetId, resources: d.resources, ...(added ? { shipyard: (q) => upsertOrder(q, added) } : {}) }, e.at);
    }
    case 'shipyard.completed': {
      if (d.planetId === undefined) return state;
      const order = d.order as ShipyardOrderView;
      const next = d.next as ShipyardOrderView | null;
      return patch(state, {
        planetId: d.planetId, resources: d.resources, units: d.units,
        shipyard: (q) => {
          const rest = q.filter((x) => x.id !== order.id);
          return next ? upsertOrder(rest, next) : rest;
        },
      }, e.at);
    }
    case 'fleet.dispatched':
    case 'fleet.returned':
    case 'transport.received':
      return d.planetId === undefined ? state : patch(state, { planetId: d.planetId, resources: d.resources, units: d.units }, e.at);
    case 'fleet.arrived':
    case 'battle.report': {
      const p = d.planet as { id: number; resources?: Resources; units?: Record<string, number> } | null | undefined;
      return p ? patch(state, { planetId: p.id, resources: p.resources, units: p.units }, e.at) : state;
    }
    default:
      return state;
  }
}
