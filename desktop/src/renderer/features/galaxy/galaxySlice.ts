import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { GalaxyView } from '@starhold/common';

export interface GalaxyState {
  view: GalaxyView | null;
  loading: boolean;
  error: string | null;
}

const initial: GalaxyState = { view: null, loading: false, error: null };

export const galaxySlice = createSlice({
  name: 'galaxy',
  initialState: initial,
  reducers: {
    galaxyRequested(state) {
      state.loading = true;
      state.error = null;
    },
    galaxyLoaded(state, a: PayloadAction<GalaxyView>) {
      state.view = a.payload;
      state.loading = false;
    },
    galaxyFailed(state, a: PayloadAction<string>) {
      state.loading = false;
      state.error = a.payload;
    },
  },
});

export const { galaxyRequested, galaxyLoaded, galaxyFailed } = galaxySlice.actions;
