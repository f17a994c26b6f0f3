import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BattleReportSummary, BattleReportView, EspionageReportSummary, EspionageReportView } from '@starhold/common';

export type OpenReport = { kind: 'battle'; report: BattleReportView } | { kind: 'espionage'; report: EspionageReportView };

export interface ReportsState {
  battles: BattleReportSummary[];
  espionage: EspionageReportSummary[];
  open: OpenReport | null;
}

const initial: ReportsState = { battles: [], espionage: [], open: null };

export const reportsSlice = createSlice({
  name: 'reports',
  initialState: initial,
  reducers: {
    reportsLoaded(state, a: PayloadAction<{ battles: BattleReportSummary[]; espionage: EspionageReportSummary[] }>) {
      state.battles = a.payload.battles;
      state.espionage = a.payload.espionage;
    },
    reportOpened(state, a: PayloadAction<OpenReport | null>) {
      state.open = a.payload;
    },
    reportsCleared() {
      return initial;
    },
  },
});

export const { reportsLoaded, reportOpened, reportsCleared } = reportsSlice.actions;
