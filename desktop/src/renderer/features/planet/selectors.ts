import { createSelector } from '@reduxjs/toolkit';
import { DEFAULT_UNIVERSE, type UniverseSettings } from '@starhold/common';
import type { RootState } from '../../app/store.js';
import type { PlanetView } from '@starhold/common';
import { extrapolatePlanet } from '../../sync/extrapolate.js';
import { applyPending, type ViewState } from '../../sync/overlay.js';

export const selectServerPlanets = (s: RootState) => s.planet.planets;
export const selectServerResearch = (s: RootState) => s.planet.research;
export const selectPendingCommands = (s: RootState) => s.outbox.commands;
export const selectClockOffset = (s: RootState) => s.planet.clockOffsetMs;
export const selectPlanetId = (s: RootState) => s.session.planetId;

/** Server time for a client wall-clock instant. */
export const serverNow = (s: RootState, clientNow: number): number => clientNow + s.planet.clockOffsetMs;

/**
 * What the player sees at `clientNow`: the server state counted up to now, plus every command
 * still in the outbox. Whole seconds are enough for the display, so the memo key is the second.
 */
export const selectView = createSelector(
  [selectServerPlanets, selectServerResearch, selectPendingCommands, selectClockOffset, (_s: RootState, clientNow: number) => Math.floor(clientNow / 1000)],
  (planets, research, pending, offset, sec): ViewState => {
    const now = sec * 1000 + offset;
    const live: Record<number, PlanetView> = {};
    for (const [id, p] of Object.entries(planets)) live[Number(id)] = extrapolatePlanet(p, now);
    return applyPending({ planets: live, research }, pending);
  },
);

export const selectCurrentPlanetView = (s: RootState, clientNow: number) => {
  const id = s.session.planetId;
  return id === null ? undefined : selectView(s, clientNow).planets[id];
};

/**
 * Universe settings as far as the client can tell: the economy speed follows from the base
 * income the server reports (`floor(30 · speed)` metal per hour); other settings are defaults.
 */
export function universeOf(planet: PlanetView | undefined): UniverseSettings {
  const base = planet?.production?.base.metal;
  return base && base > 0 ? { ...DEFAULT_UNIVERSE, economySpeed: base / 30 } : DEFAULT_UNIVERSE;
}
