import { DEFAULT_UNIVERSE, settleResources, storedResources, type Resources, type UniverseSettings } from '@starhold/common';
import type { PlanetView } from '@starhold/common';

/**
 * Resources of a planet at `serverNowMs`, counted up from the server's last answer with the
 * same exact accrual rule the server uses (`settleResources` from common), at the production
 * rate the server reported. Every server event or refetch replaces the base, so drift never
 * accumulates. Without a rate (an old snapshot) the amounts stay as reported.
 */
export function resourcesAt(planet: PlanetView, serverNowMs: number): Resources {
  const rate = planet.production?.actual;
  const elapsed = Math.floor(serverNowMs - Date.parse(planet.at));
  if (!rate || !(elapsed > 0)) return planet.resources;
  return settleResources(storedResources(planet.resources), rate, planet.storage, elapsed).amounts;
}

/** The planet with its resources brought forward to `serverNowMs`. */
export function extrapolatePlanet(planet: PlanetView, serverNowMs: number): PlanetView {
  const resources = resourcesAt(planet, serverNowMs);
  return resources === planet.resources ? planet : { ...planet, resources };
}

/**
 * Universe settings as far as the client can tell: the economy speed follows from the base
 * income the server reports (`floor(30 · speed)` metal per hour); other settings are defaults.
 */
export function universeOf(planet: PlanetView | undefined): UniverseSettings {
  const base = planet?.production?.base.metal;
  return base && base > 0 ? { ...DEFAULT_UNIVERSE, economySpeed: base / 30 } : DEFAULT_UNIVERSE;
}
