import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type Tab = 'overview' | 'buildings' | 'research' | 'shipyard' | 'fleets' | 'galaxy' | 'reports' | 'wheel' | 'notifications';

export const uiSlice = createSlice({
  name: 'ui',
  initialState: { tab: 'overview' as Tab, confirmUpgrade: null as string | null },
  reducers: {
    tabChosen(state, a: PayloadAction<Tab>) {
      state.tab = a.payload;
    },
    /** The building whose upgrade waits for "upgrade anyway" (it would lower the production factor). */
    confirmUpgradeAsked(state, a: PayloadAction<string | null>) {
      state.confirmUpgrade = a.payload;
    },
  },
});

export const { tabChosen, confirmUpgradeAsked } = uiSlice.actions;
