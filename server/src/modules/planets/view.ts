import { productionPerHour, storageCaps, type ResearchLevels, type ShipyardOrderView, type UniverseSettings } from '@starhold/common';
import type { QueueItem } from '../queues/queue-item.entity.js';
import type { Planet } from './planet.entity.js';
import { amountsOf, economyInput, multiplierAt, settlePlanet } from './economy.js';

export function queueItemView(q: QueueItem) {
  return {
    id: q.id,
    kind: q.kind,
    target: q.target,
    level: q.level,
    cost: { metal: q.costMetal, crystal: q.costCrystal, deuterium: q.costDeuterium },
    queuedAt: q.queuedAt.toISOString(),
    startsAt: q.startsAt?.toISOString() ?? null,
    endsAt: q.endsAt?.toISOString() ?? null,
  };
}
export type QueueItemView = ReturnType<typeof queueItemView>;

export function planetSummary(p: Planet) {
  return { id: p.id, name: p.name, coords: { galaxy: p.galaxy, system: p.system, position: p.position } };
}

/** The planet as the player sees it at `at`: resources settled lazily on a copy (nothing is written). */
export function planetView(
  planet: Planet,
  research: ResearchLevels,
  queue: QueueItem[],
  at: Date,
  universe: UniverseSettings,
  shipyard: ShipyardOrderView[] = [],
) {
  const copy = { ...planet } as Planet;
  settlePlanet(copy, research, at, universe);
  const prod = productionPerHour(economyInput(copy, research, at), universe);
  const multiplier = multiplierAt(copy, at);
  return {
    ...planetSummary(copy),
    temperature: { min: copy.temperatureMin, max: copy.temperatureMax },
    fields: copy.fields,
    resources: amountsOf(copy),
    storage: storageCaps(copy.buildings),
    production: {
      perHour: prod.actual,
      actual: prod.actual,
      theoretical: prod.theoretical,
      base: prod.base,
      mines: prod.mines,
      fusionDeuteriumPerHour: prod.fusionDeuteriumPerHour,
      multiplier,
    },
    energy: { produced: prod.energy.produced, consumed: prod.energy.consumed, balance: prod.energy.balance, factor: prod.energy.factor },
    buildings: { ...copy.buildings },
    units: { ...copy.units },
    buff: multiplier !== 1 && copy.buffEndsAt ? { multiplier, endsAt: copy.buffEndsAt.toISOString() } : null,
    queues: { building: queue.filter((q) => q.kind === 'building').map(queueItemView), shipyard },
    at: at.toISOString(),
  };
}
