import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { PlayerStateSnapshot, StreamEventMessage } from '@starhold/common';
import type { PlanetView, ResearchCatalogueEntry, ResearchResponse } from '@starhold/common';
import type { ServerState } from '../../sync/overlay.js';
import { applyStreamEvent } from '../../sync/stream-events.js';

export interface PlanetState extends ServerState {
  catalogue: ResearchCatalogueEntry[];
  /** Server clock minus client clock, from the last server answer (ms). */
  clockOffsetMs: number;
}

export const initialPlanetState: PlanetState = { planets: {}, research: null, catalogue: [], clockOffsetMs: 0 };

export const planetSlice = createSlice({
  name: 'planet',
  initialState: initialPlanetState,
  reducers: {
    /** A REST answer. Older than what we hold (an event overtook it)? Keep ours. */
    planetLoaded(state, a: PayloadAction<{ view: PlanetView; clientNow: number }>) {
      const { view, clientNow } = a.payload;
      const held = state.planets[view.id];
      if (held && Date.parse(held.at) > Date.parse(view.at)) return;
      state.planets[view.id] = view;
      state.clockOffsetMs = Date.parse(view.at) - clientNow;
    },
    researchLoaded(state, a: PayloadAction<Omit<ResearchResponse, 'labPlanetId'>>) {
      state.research = { levels: a.payload.levels, queue: a.payload.queue };
      state.catalogue = a.payload.catalogue;
    },
    /** A `snapshot` replaces the state. */
    snapshotReceived(state, a: PayloadAction<{ state: PlayerStateSnapshot; clientNow: number }>) {
      const s = a.payload.state;
      state.planets = Object.fromEntries(s.planets.map((p) => [p.id, p]));
      state.research = { levels: s.research.levels, queue: s.research.queue };
      const first = s.planets[0];
      if (first) state.clockOffsetMs = Date.parse(first.at) - a.payload.clientNow;
    },
    streamEventReceived(state, a: PayloadAction<StreamEventMessage>) {
      const next = applyStreamEvent({ planets: state.planets, research: state.research }, a.payload);
      state.planets = next.planets;
      state.research = next.research;
    },
    stateCleared() {
      return initialPlanetState;
    },
  },
});

export const { planetLoaded, researchLoaded, snapshotReceived, streamEventReceived, stateCleared } = planetSlice.actions;
