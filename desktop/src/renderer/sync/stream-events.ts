// How each stream event changes the server state the client holds. Every change is idempotent
// (levels are set, queue items are added or removed by id, amounts are replaced), so a replay
// that overlaps state from a refetch does no harm. Payloads are typed by their event type
// (`streamEventSchemas` in common; the server's tests parse every event it writes against them).
import type { PlanetView, QueueItemSnapshot, Resources, StreamEventMessage } from '@starhold/common';
import type { ServerState } from './overlay.js';
import { applyFleetEvent } from './fleet-events.js';

function upsert(queue: QueueItemSnapshot[], item: QueueItemSnapshot): QueueItemSnapshot[] {
  const i = queue.findIndex((q) => q.id === item.id);
  if (i < 0) return [...queue, item].sort((a, b) => a.id - b.id);
  const copy = [...queue];
  copy[i] = item;
  return copy;
}

function withAmounts(p: PlanetView, resources: Resources | undefined, at: string): PlanetView {
  return resources ? { ...p, resources, at } : p;
}

/** A queue after an update: `removed` ids dropped, `added` upserted. */
function updated(queue: QueueItemSnapshot[], d: { added?: QueueItemSnapshot; removed?: number[] }): QueueItemSnapshot[] {
  const q = d.removed ? queue.filter((x) => !d.removed?.includes(x.id)) : queue;
  return d.added ? upsert(q, d.added) : q;
}

/** The state after one stream event; unknown types change nothing (they are skippable). */
export function applyStreamEvent(state: ServerState, e: StreamEventMessage): ServerState {
  switch (e.type) {
    case 'queue.updated': {
      const d = e.data;
      if (d.kind === 'shipyard') return applyFleetEvent(state, e);
      const change = 'added' in d ? { added: d.added } : { removed: d.removed };
      let planets = state.planets;
      let research = state.research;
      const planet = planets[d.planetId];
      if (d.kind === 'building' && planet) {
        const building = updated(planet.queues.building, change);
        planets = { ...planets, [d.planetId]: withAmounts({ ...planet, queues: { ...planet.queues, building } }, d.resources, e.at) };
      } else if (d.kind === 'research') {
        if (planet) planets = { ...planets, [d.planetId]: withAmounts(planet, d.resources, e.at) };
        if (research) research = { ...research, queue: updated(research.queue, change) };
      }
      return { planets, research };
    }
    case 'building.completed': {
      const d = e.data;
      const planet = state.planets[d.planetId];
      if (!planet) return state;
      const buildings = { ...planet.buildings, [d.building]: Math.max(planet.buildings[d.building], d.level) };
      let queue = planet.queues.building.filter((q) => !(q.target === d.building && q.level <= d.level));
      if (d.next) queue = upsert(queue, d.next);
      const next = withAmounts({ ...planet, buildings, queues: { ...planet.queues, building: queue } }, d.resources, e.at);
      return { ...state, planets: { ...state.planets, [d.planetId]: next } };
    }
    case 'research.completed': {
      const d = e.data;
      if (!state.research) return state;
      const levels = { ...state.research.levels, [d.research]: Math.max(state.research.levels[d.research], d.level) };
      let queue = state.research.queue.filter((q) => !(q.target === d.research && q.level <= d.level));
      if (d.next) queue = upsert(queue, d.next);
      return { ...state, research: { levels, queue } };
    }
    case 'wheel.spun':
    case 'wheel.buffEnded': {
      const planet = state.planets[e.data.planetId];
      if (!planet) return state;
      return { ...state, planets: { ...state.planets, [e.data.planetId]: withAmounts(planet, e.data.resources, e.at) } };
    }
    default:
      return applyFleetEvent(state, e);
  }
}
