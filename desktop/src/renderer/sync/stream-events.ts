// How each stream event changes the server state the client holds. Every change is idempotent
// (levels are set, queue items are added or removed by id, amounts are replaced), so a replay
// that overlaps state from a refetch does no harm.
import { isBuildingId, isResearchId, type QueueItemSnapshot, type Resources, type StreamEventMessage } from '@starhold/common';
import type { PlanetView } from '../net/api-types.js';
import type { ServerState } from './overlay.js';
import { applyFleetEvent } from './fleet-events.js';

interface QueueUpdated { planetId: number; kind: 'building' | 'research'; added?: QueueItemSnapshot; removed?: number[]; resources?: Resources }
interface BuildingCompleted { planetId: number; building: string; level: number; resources?: Resources; next: QueueItemSnapshot | null }
interface ResearchCompleted { research: string; level: number; next: QueueItemSnapshot | null }
interface WithResources { planetId?: number; resources?: Resources }

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

/** The state after one stream event; unknown types change nothing (they are skippable). */
export function applyStreamEvent(state: ServerState, e: StreamEventMessage): ServerState {
  const data = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case 'queue.updated': {
      if (data.kind === 'shipyard') return applyFleetEvent(state, e);
      const d = data as unknown as QueueUpdated;
      let planets = state.planets;
      let research = state.research;
      const planet = planets[d.planetId];
      if (d.kind === 'building' && planet) {
        let q = planet.queues.building.filter((x) => !(d.removed ?? []).includes(x.id));
        if (d.added) q = upsert(q, d.added);
        planets = { ...planets, [d.planetId]: withAmounts({ ...planet, queues: { ...planet.queues, building: q } }, d.resources, e.at) };
      } else {
        if (planet) planets = { ...planets, [d.planetId]: withAmounts(planet, d.resources, e.at) };
        if (research) {
          let q = research.queue.filter((x) => !(d.removed ?? []).includes(x.id));
          if (d.added) q = upsert(q, d.added);
          research = { ...research, queue: q };
        }
      }
      return { planets, research };
    }
    case 'building.completed': {
      const d = data as unknown as BuildingCompleted;
      const planet = state.planets[d.planetId];
      if (!planet || !isBuildingId(d.building)) return state;
      const buildings = { ...planet.buildings, [d.building]: Math.max(planet.buildings[d.building], d.level) };
      let queue = planet.queues.building.filter((q) => !(q.target === d.building && q.level <= d.level));
      if (d.next) queue = upsert(queue, d.next);
      const next = withAmounts({ ...planet, buildings, queues: { ...planet.queues, building: queue } }, d.resources, e.at);
      return { ...state, planets: { ...state.planets, [d.planetId]: next } };
    }
    case 'research.completed': {
      const d = data as unknown as ResearchCompleted;
      if (!state.research || !isResearchId(d.research)) return state;
      const levels = { ...state.research.levels, [d.research]: Math.max(state.research.levels[d.research], d.level) };
      let queue = state.research.queue.filter((q) => !(q.target === d.research && q.level <= d.level));
      if (d.next) queue = upsert(queue, d.next);
      return { ...state, research: { levels, queue } };
    }
    case 'wheel.spun':
    case 'wheel.buffEnded': {
      const d = data as WithResources;
      const planet = d.planetId === undefined ? undefined : state.planets[d.planetId];
      if (!planet || d.planetId === undefined) return state;
      return { ...state, planets: { ...state.planets, [d.planetId]: withAmounts(planet, d.resources, e.at) } };
    }
    default:
      return applyFleetEvent(state, e);
  }
}
