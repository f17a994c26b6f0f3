// How the shipyard and fleet stream events change the planets the client holds (docs/protocol.md,
// "Stream events"). Like the other reducers these only replace amounts and upsert by id, so a
// replay that overlaps a refetch does no harm.
import type { PlanetView, Resources, ShipyardOrderView, StreamEventMessage } from '@starhold/common';
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
  if (p.shipyard) next.queues = { ...planet.queues, shipyard: p.shipyard(planet.queues.shipyard) };
  return { ...state, planets: { ...state.planets, [p.planetId]: next } };
}

function upsertOrder(queue: ShipyardOrderView[], o: ShipyardOrderView): ShipyardOrderView[] {
  return [...queue.filter((q) => q.id !== o.id), o].sort((a, b) => a.id - b.id);
}

/** The state after a shipyard or fleet event; other types change nothing. */
export function applyFleetEvent(state: ServerState, e: StreamEventMessage): ServerState {
  switch (e.type) {
    case 'queue.updated': {
      const d = e.data;
      if (d.kind !== 'shipyard') return state; // building and research: applyStreamEvent
      const added = d.added;
      return patch(state, { planetId: d.planetId, resources: d.resources, ...(added ? { shipyard: (q) => upsertOrder(q, added) } : {}) }, e.at);
    }
    case 'shipyard.completed': {
      const { order, next } = e.data;
      return patch(
        state,
        {
          planetId: e.data.planetId,
          resources: e.data.resources,
          units: e.data.units,
          shipyard: (q) => {
            const rest = q.filter((x) => x.id !== order.id);
            return next ? upsertOrder(rest, next) : rest;
          },
        },
        e.at,
      );
    }
    case 'fleet.dispatched':
    case 'fleet.returned':
    case 'transport.received':
      return patch(state, { planetId: e.data.planetId, resources: e.data.resources, units: 'units' in e.data ? e.data.units : undefined }, e.at);
    case 'fleet.arrived':
    case 'battle.report': {
      const p = e.data.planet;
      return p ? patch(state, { planetId: p.id, resources: p.resources, units: p.units }, e.at) : state;
    }
    default:
      return state;
  }
}
