import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ShipyardResponse } from '@starhold/common';

/** The shipyard catalogue per planet (GET /api/v1/planets/:id/shipyard); the queue lives in the planet. */
export const shipyardSlice = createSlice({
  name: 'shipyard',
  initialState: { byPlanet: {} as Record<number, ShipyardResponse> },
  reducers: {
    shipyardLoaded(state, a: PayloadAction<ShipyardResponse>) {
      state.byPlanet[a.payload.planetId] = a.payload;
    },
  },
});

export const { shipyardLoaded } = shipyardSlice.actions;
