import { type Coordinates, type FleetView, type IncomingFleetView, type Participant } from '@starhold/common';
import type { Planet } from '../planets/planet.entity.js';
import { unitTotal } from '../shipyard/units.js';
import { cargoOf } from './cargo.js';
import type { Fleet } from './fleet.entity.js';

export function coordsOfPlanet(p: Planet): Coordinates {
  return { galaxy: p.galaxy, system: p.system, position: p.position };
}
export function originOf(f: Fleet): Coordinates {
  return { galaxy: f.originGalaxy, system: f.originSystem, position: f.originPosition };
}
export function targetOf(f: Fleet): Coordinates {
  return { galaxy: f.targetGalaxy, system: f.targetSystem, position: f.targetPosition };
}

/** A fleet as its owner sees it; `own` = the owner's planet ids (a foreign target's id is not shown). */
export function fleetView(f: Fleet, now: Date, own: ReadonlySet<number>): FleetView {
  const targetId = f.targetPlanetId ?? null;
  return {
    id: f.id,
    mission: f.mission,
    state: f.state,
    origin: { planetId: f.originPlanetId, coords: originOf(f) },
    target: { coords: targetOf(f), planetId: targetId !== null && own.has(targetId) ? targetId : null },
    ships: { ...f.ships },
    cargo: cargoOf(f),
    speed: f.speed,
    fuel: f.fuel,
    departedAt: f.departedAt.toISOString(),
    arrivesAt: f.arrivesAt.toISOString(),
    returnsAt: f.returnsAt?.toISOString() ?? null,
    recalledAt: f.recalledAt?.toISOString() ?? null,
    recallable: f.state === 'outbound' && f.arrivesAt.getTime() > now.getTime(),
    outcome: f.outcome ?? null,
  };
}

/** Missions the target's owner is told about while they fly (a deploy only goes to own planets). */
export function isAnnounced(f: Pick<Fleet, 'mission'>): boolean {
  return f.mission === 'attack' || f.mission === 'espionage' || f.mission === 'transport';
}

/** A foreign fleet flying at one of the reader's planets: who, from where, when, how many ships. */
export function incomingView(f: Fleet, owner: Participant): IncomingFleetView {
  return {
    id: f.id,
    mission: f.mission,
    owner,
    origin: { coords: originOf(f) },
    target: { planetId: f.targetPlanetId ?? 0, coords: targetOf(f) },
    shipCount: unitTotal(f.ships),
    arrivesAt: f.arrivesAt.toISOString(),
  };
}
