// The optimistic view: server state + still-pending commands, as one pure function. The server
// stays authoritative: when a command is answered it leaves the pending list and the server's
// state (from events or a refetch) takes over.
import {
  MAX_SHIPYARD_ORDERS,
  WHEEL_COST,
  isCommandType,
  buildingCost,
  cancelWithFollowers,
  hasRoom,
  isUnitId,
  unitCost,
  hasResources,
  isBuildingId,
  isResearchId,
  queuedLevel,
  researchCost,
  subtractResources,
  addResources,
  type BuildingId,
  type ErrorBody,
  type QueueItemSnapshot,
  type ResearchId,
  type ResearchLevels,
  type Resources,
  type ShipyardOrderView,
} from '@starhold/common';
import type { OutboxCommand } from '../../shared/outbox-types.js';
import { typedCommand } from './typed-command.js';
import type { PlanetView } from '@starhold/common';
import { QUEUE_FULL, SHIPYARD_FULL, buildingQueueHasRoom, researchQueueHasRoom, shipyardOrdersAt, unitLimitRefusal } from './overlay-limits.js';

export interface OverlayRules {
  buildingCost(b: BuildingId, level: number): Resources;
  researchCost(r: ResearchId, level: number): Resources;
  wheelCost: Resources;
}

export const COMMON_RULES: OverlayRules = { buildingCost, researchCost, wheelCost: WHEEL_COST };

export interface ServerState {
  planets: Record<number, PlanetView>;
  research: { levels: ResearchLevels; queue: QueueItemSnapshot[] } | null;
  /** Server time the view is for: queue items whose end has passed no longer count against the limits. */
  now?: number;
}

/** A queue item in the view; pending ones are not on the server yet (negative id = -seq). */
export interface ViewQueueItem extends QueueItemSnapshot {
  pending?: boolean;
  seq?: number;
}

export interface PendingEffect {
  seq: number;
  type: string;
  label: string;
  /** The overlay could not apply it (it will most likely be rejected): nothing was deducted. */
  doubtful: string | null;
  /** Only when the server will refuse it as things stand (a queue or unit limit): the client does not send it. */
  refusal?: ErrorBody;
}

/** A planet as the player sees it: its building queue may hold pending items. */
export type ViewPlanet = Omit<PlanetView, 'queues'> & { queues: { building: ViewQueueItem[]; shipyard: ShipyardOrderView[] } };

export interface ViewState {
  planets: Record<number, ViewPlanet>;
  research: { levels: ResearchLevels; queue: ViewQueueItem[] } | null;
  pending: PendingEffect[];
}

function pendingItem(cmd: OutboxCommand, kind: 'building' | 'research', target: string, level: number, cost: Resources): ViewQueueItem {
  const at = new Date(cmd.queuedAt).toISOString();
  return { id: -cmd.seq, kind, target, level, cost, queuedAt: at, startsAt: null, endsAt: null, pending: true, seq: cmd.seq };
}

/**
 * Applies `pending` (in seq order) on top of `server`. Costs are taken with the `common` rules
 * exactly as the server will take them; a command the view cannot afford or whose target is gone
 * is marked doubtful and changes nothing.
 */
export function applyPending(server: ServerState, pending: readonly OutboxCommand[], rules: OverlayRules = COMMON_RULES): ViewState {
  const planets: ViewState['planets'] = {};
  for (const [id, p] of Object.entries(server.planets))
    planets[Number(id)] = { ...p, units: { ...p.units }, queues: { ...p.queues, building: [...p.queues.building] } };
  const research = server.research ? { levels: server.research.levels, queue: [...server.research.queue] as ViewQueueItem[] } : null;
  const effects: PendingEffect[] = [];
  const shipyardOrders: Record<number, { count: number; units: Record<string, number> }> = {};

  for (const cmd of [...pending].sort((a, b) => a.seq - b.seq)) {
    const effect = (label: string, doubtful: string | null = null, refusal: ErrorBody | null = null) =>
      effects.push({ seq: cmd.seq, type: cmd.type, label, doubtful, ...(refusal ? { refusal } : {}) });
    const c = typedCommand(cmd);
    if (!c) {
      effect(cmd.type, isCommandType(cmd.type) ? 'invalid command' : 'unknown command');
      continue;
    }
    const planet = 'planetId' in c.payload ? planets[c.payload.planetId] : undefined;
    const refuse = (label: string, refusal: ErrorBody) =>
      effect(label, refusal.code === 'QUEUE_FULL' ? 'the queue is full' : 'over the unit limit', refusal);
    const pay = (cost: Resources): boolean => {
      if (!planet || !hasResources(planet.resources, cost)) return false;
      planet.resources = subtractResources(planet.resources, cost);
      return true;
    };

    switch (c.type) {
      case 'buildings.upgrade': {
        const b = c.payload.building;
        if (!planet || !isBuildingId(b)) {
          effect(`Upgrade ${b}`, 'unknown planet or building');
          break;
        }
        const level = queuedLevel(planet.buildings[b], planet.queues.building, b) + 1;
        if (!buildingQueueHasRoom(planet, server.now)) {
          refuse(`Upgrade ${b} to ${level}`, QUEUE_FULL);
          break;
        }
        const cost = rules.buildingCost(b, level);
        if (!pay(cost)) {
          effect(`Upgrade ${b} to ${level}`, 'not enough resources');
          break;
        }
        planet.queues.building.push(pendingItem(cmd, 'building', b, level, cost));
        effect(`Upgrade ${b} to ${level}`);
        break;
      }
      case 'buildings.cancel': {
        const cancelled = planet ? cancelWithFollowers(planet.queues.building, c.payload.queueItemId) : null;
        const item = cancelled?.removed[0];
        if (!planet || !cancelled || !item) {
          effect('Cancel', 'no such queue item');
          break;
        }
        planet.queues.building = cancelled.remaining;
        for (const r of cancelled.removed) planet.resources = addResources(planet.resources, r.cost);
        effect(`Cancel ${item.target} ${item.level}`);
        break;
      }
      case 'research.start': {
        const r = c.payload.research;
        if (!planet || !research || !isResearchId(r)) {
          effect(`Research ${r}`, 'unknown planet or research');
          break;
        }
        const level = queuedLevel(research.levels[r], research.queue, r) + 1;
        if (!researchQueueHasRoom(research.queue, planet, server.now)) {
          refuse(`Research ${r} ${level}`, QUEUE_FULL);
          break;
        }
        const cost = rules.researchCost(r, level);
        if (!pay(cost)) {
          effect(`Research ${r} ${level}`, 'not enough resources');
          break;
        }
        research.queue.push(pendingItem(cmd, 'research', r, level, cost));
        effect(`Research ${r} ${level}`);
        break;
      }
      case 'research.cancel': {
        const cancelled = research ? cancelWithFollowers(research.queue, c.payload.queueItemId) : null;
        const item = cancelled?.removed[0];
        if (research && cancelled) research.queue = cancelled.remaining;
        // The refund goes to the planet that paid, which the research queue does not name; the
        // server's answer brings the amounts.
        effect(item ? `Cancel research ${item.target} ${item.level}` : 'Cancel research', item ? null : 'no such queue item');
        break;
      }
      case 'shipyard.build': {
        const u = c.payload.unit;
        const n = c.payload.count;
        const label = `Build ${n} ${u}`;
        if (!planet || !isUnitId(u)) {
          effect(label, 'unknown planet or unit');
          break;
        }
        // Pending orders are not shown in the shipyard queue; they count against its limits here.
        const orders = planet.queues.shipyard ?? [];
        const mine = (shipyardOrders[planet.id] ??= { count: 0, units: {} });
        const toDeliver = orders.filter((o) => o.unit === u).reduce((a, o) => a + o.count - o.delivered, 0) + (mine.units[u] ?? 0);
        const refusal = hasRoom(shipyardOrdersAt(orders, server.now) + mine.count, MAX_SHIPYARD_ORDERS)
          ? unitLimitRefusal(planet, u, toDeliver, n)
          : SHIPYARD_FULL;
        if (refusal) refuse(label, refusal);
        else if (!pay(unitCost(u, n))) effect(label, 'not enough resources');
        else {
          mine.count += 1;
          mine.units[u] = (mine.units[u] ?? 0) + n;
          effect(label);
        }
        break;
      }
      case 'fleets.send': {
        // Ships and cargo leave at once; the fuel is the server's to compute (the answer brings it).
        const ships = Object.entries(c.payload.ships).filter(([, n]) => n > 0);
        const label = `Send ${ships.map(([s, n]) => `${n} ${s}`).join(', ')}`;
        if (!planet || ships.some(([s, n]) => (planet.units[s] ?? 0) < n)) {
          effect(label, 'not enough ships');
          break;
        }
        if (!pay(c.payload.cargo)) {
          effect(label, 'not enough resources');
          break;
        }
        for (const [s, n] of ships) planet.units[s] = (planet.units[s] ?? 0) - n;
        effect(label);
        break;
      }
      case 'fleets.recall':
        effect('Recall a fleet');
        break;
      case 'wheel.spin':
        effect('Spin the wheel', pay(rules.wheelCost) ? null : 'not enough resources');
        break;
    }
  }
  return { planets, research, pending: effects };
}
