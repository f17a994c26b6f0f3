import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Coordinates, FleetList, FleetView, IncomingFleetView, MissionId } from '@starhold/common';

export interface FleetsState {
  fleets: FleetView[];
  incoming: IncomingFleetView[];
  /** A target chosen in the galaxy view for the dispatch form. */
  draft: { target: Coordinates; mission: MissionId } | null;
}

const initial: FleetsState = { fleets: [], incoming: [], draft: null };

export const fleetsSlice = createSlice({
  name: 'fleets',
  initialState: initial,
  reducers: {
    fleetsLoaded(state, a: PayloadAction<FleetList>) {
      state.fleets = a.payload.fleets;
      state.incoming = a.payload.incoming;
    },
    /** An event names a fleet that attacked or spied: it is no longer incoming. */
    incomingDropped(state, a: PayloadAction<number>) {
      state.incoming = state.incoming.filter((f) => f.id !== a.payload);
    },
    draftTargetChosen(state, a: PayloadAction<FleetsState['draft']>) {
      state.draft = a.payload;
    },
    fleetsCleared() {
      return initial;
    },
  },
});

export const { fleetsLoaded, incomingDropped, draftTargetChosen, fleetsCleared } = fleetsSlice.actions;
