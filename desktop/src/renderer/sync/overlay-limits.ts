// How full the view's queues are, with the `common` queue rules, so that the offline view refuses
// what the server will refuse (the 5-item limits, the unit limits) instead of showing it pending.
import {
  MAX_QUEUE_LENGTH,
  MAX_SHIPYARD_ORDERS,
  UNIT_LIMITS,
  buildingQueueSeconds,
  hasRoom,
  isResearchId,
  itemsLeftAt,
  queueTimeline,
  researchTimeSeconds,
  type ErrorBody,
  type ShipyardOrderView,
  type TimedItem,
  type UnitId,
} from '@starhold/common';
import type { PlanetView } from '@starhold/common';
import { universeOf } from './extrapolate.js';

/** What the limit checks need of a view queue item (ViewQueueItem). */
interface HeldItem {
  target: string;
  level: number;
  queuedAt: string;
  startsAt: string | null;
  endsAt: string | null;
  pending?: boolean;
}

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
const timed = (q: { queuedAt: string; startsAt: string | null; endsAt: string | null }): TimedItem => ({
  queuedAt: Date.parse(q.queuedAt),
  startsAt: ms(q.startsAt),
  endsAt: ms(q.endsAt),
});

/**
 * Items the server will still hold at server time `now`: its own until their end instant (their
 * own, or queueTimeline's for waiting ones) has passed, pending ones always (the server starts them
 * only when they arrive). Without `now` every item counts.
 */
function held<T extends HeldItem>(items: readonly T[], secondsOf: (server: T[]) => (i: number) => number, now: number | undefined): number {
  const server = items.filter((q) => !q.pending);
  const left = now === undefined ? server.length : itemsLeftAt(queueTimeline(server.map(timed), secondsOf(server)), now);
  return left + items.length - server.length;
}

export const QUEUE_FULL: ErrorBody = { code: 'QUEUE_FULL', message: `The queue holds at most ${MAX_QUEUE_LENGTH} items` };
export const SHIPYARD_FULL: ErrorBody = { code: 'QUEUE_FULL', message: `The shipyard holds at most ${MAX_SHIPYARD_ORDERS} orders` };

/** Whether the planet's building queue takes one more item at `now`. */
export function buildingQueueHasRoom(planet: PlanetView & { queues: { building: HeldItem[] } }, now: number | undefined): boolean {
  const u = universeOf(planet);
  return hasRoom(
    held(
      planet.queues.building,
      (server) => {
        const seconds = buildingQueueSeconds(planet.buildings, server, u);
        return (i) => seconds[i] ?? 0;
      },
      now,
    ),
    MAX_QUEUE_LENGTH,
  );
}

/** Whether the research queue takes one more item at `now`; waiting items are timed with `labPlanet`'s lab. */
export function researchQueueHasRoom(queue: readonly HeldItem[], labPlanet: PlanetView, now: number | undefined): boolean {
  const u = universeOf(labPlanet);
  const lab = labPlanet.buildings.researchLab;
  return hasRoom(
    held(
      queue,
      (server) => (i) => {
        const q = server[i];
        return q && isResearchId(q.target) ? researchTimeSeconds(q.target, q.level, lab, u) : 0;
      },
      now,
    ),
    MAX_QUEUE_LENGTH,
  );
}

/** Shipyard orders the server will still hold at `now` (a waiting order lasts count × its estimated unit time). */
export function shipyardOrdersAt(orders: readonly ShipyardOrderView[], now: number | undefined): number {
  if (now === undefined) return orders.length;
  return itemsLeftAt(
    queueTimeline(orders.map(timed), (i) => (orders[i] ? orders[i].count * orders[i].unitSeconds : 0)),
    now,
  );
}

/** The server's unit limit check (UNIT_LIMITS): units on the planet plus those still to deliver plus `adding`. */
export function unitLimitRefusal(planet: PlanetView, unit: UnitId, inOrders: number, adding: number): ErrorBody | null {
  const limit = UNIT_LIMITS[unit];
  if (limit === undefined) return null;
  const have = (planet.units[unit] ?? 0) + inOrders;
  return have + adding > limit ? { code: 'UNIT_LIMIT_REACHED', message: `A planet can have at most ${limit} ${unit}` } : null;
}
