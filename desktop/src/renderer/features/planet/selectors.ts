import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from '../../app/store.js';
import type { ErrorBody, PlanetView } from '@starhold/common';
import type { OutboxCommand } from '../../../shared/outbox-types.js';
import { extrapolatePlanet } from '../../sync/extrapolate.js';
import { applyPending, type ServerState, type ViewState } from '../../sync/overlay.js';

export { universeOf } from '../../sync/extrapolate.js';

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
  [
    selectServerPlanets,
    selectServerResearch,
    selectPendingCommands,
    selectClockOffset,
    (_s: RootState, clientNow: number) => Math.floor(clientNow / 1000),
  ],
  (planets, research, pending, offset, sec): ViewState => applyPending(liveState(planets, research, sec * 1000 + offset), pending),
);

/** The server state counted up to server time `now`. */
function liveState(planets: RootState['planet']['planets'], research: RootState['planet']['research'], now: number): ServerState {
  const live: Record<number, PlanetView> = {};
  for (const [id, p] of Object.entries(planets)) live[Number(id)] = extrapolatePlanet(p, now);
  return { planets: live, research, now };
}

/**
 * Why the server would refuse `command` if it were sent now, after everything already pending (a
 * full queue, a unit limit), or null. Such a command is not put in the outbox.
 */
export function refusalOf(s: RootState, clientNow: number, command: { type: string; payload: unknown }): ErrorBody | null {
  const candidate: OutboxCommand = { clientId: '', seq: Number.MAX_SAFE_INTEGER, type: command.type, payload: command.payload, queuedAt: clientNow };
  const view = applyPending(liveState(s.planet.planets, s.planet.research, serverNow(s, clientNow)), [...s.outbox.commands, candidate]);
  return view.pending.at(-1)?.refusal ?? null;
}

export const selectCurrentPlanetView = (s: RootState, clientNow: number) => {
  const id = s.session.planetId;
  return id === null ? undefined : selectView(s, clientNow).planets[id];
};
