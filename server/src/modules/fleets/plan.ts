import {
  ErrorCode,
  isFlyingShipId,
  isUnitId,
  planFlight,
  type Coordinates,
  type FlightPlan,
  type ResearchLevels,
  type UnitCounts,
  type UniverseSettings,
} from '@starhold/common';
import { RuleError } from '../../core/errors.js';
import type { Planet } from '../planets/planet.entity.js';
import { coordsOfPlanet } from './view.js';

/** The ships of a dispatch with zero counts dropped; a name that is not a flying ship is UNKNOWN_UNIT. */
export function parseShips(ships: Record<string, number>): UnitCounts {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(ships)) {
    if (!isFlyingShipId(name)) {
      const why = isUnitId(name) ? `${name} cannot leave its planet` : `Unknown ship "${name}"`;
      throw new RuleError(ErrorCode.UNKNOWN_UNIT, why, { unit: name });
    }
    if (n > 0) out[name] = n;
  }
  return out;
}

/** Coordinates must lie inside the universe (the schema only bounds them loosely). */
export function checkBounds(c: Coordinates, u: UniverseSettings): void {
  if (c.galaxy > u.galaxies || c.system > u.systems || c.position > u.positions) {
    throw new RuleError(
      ErrorCode.INVALID_TARGET,
      `${c.galaxy}:${c.system}:${c.position} is outside the universe (${u.galaxies}:${u.systems}:${u.positions})`,
    );
  }
}

export interface TimedPlan extends FlightPlan {
  departedAt: Date;
  arrivesAt: Date;
  /** Planned return (arrival + one more flight); null for a deploy. */
  returnsAt: Date | null;
}

/** Distance, time, fuel and capacity of a dispatch leaving `origin` at `now`. */
export function planDispatch(
  origin: Planet,
  ships: UnitCounts,
  target: Coordinates,
  speed: number,
  returns: boolean,
  research: ResearchLevels,
  u: UniverseSettings,
  now: Date,
): TimedPlan {
  const plan = planFlight(ships, coordsOfPlanet(origin), target, speed, research, u);
  const leg = plan.durationSeconds * 1000;
  const arrivesAt = new Date(now.getTime() + leg);
  return { ...plan, departedAt: now, arrivesAt, returnsAt: returns ? new Date(arrivesAt.getTime() + leg) : null };
}
