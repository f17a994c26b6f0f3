import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { WheelOutcome } from '@starhold/common';
import type { SpinResult, WheelHistoryEntry, WheelStatus } from '@starhold/common';

export interface VerifyResult {
  spinId: number;
  hmacHex: string;
  derived: WheelOutcome;
  recorded: WheelOutcome;
  commitmentOk: boolean;
  /** The outcome re-derived from the revealed seed matches the record and the seed matches its commitment. */
  ok: boolean;
}

export interface WheelState {
  status: WheelStatus | null;
  history: WheelHistoryEntry[];
  /** A spin on its way (queued seq), so the wheel keeps turning until the answer lands. */
  spinningSeq: number | null;
  lastResult: SpinResult | null;
  verifying: number | null;
  verify: VerifyResult | null;
  verifyError: string | null;
}

export const initialWheelState: WheelState = {
  status: null,
  history: [],
  spinningSeq: null,
  lastResult: null,
  verifying: null,
  verify: null,
  verifyError: null,
};

export const wheelSlice = createSlice({
  name: 'wheel',
  initialState: initialWheelState,
  reducers: {
    wheelStatusLoaded(state, a: PayloadAction<WheelStatus>) {
      state.status = a.payload;
    },
    wheelHistoryLoaded(state, a: PayloadAction<WheelHistoryEntry[]>) {
      state.history = a.payload;
    },
    spinQueued(state, a: PayloadAction<number>) {
      state.spinningSeq = a.payload;
    },
    spinLanded(state, a: PayloadAction<SpinResult>) {
      state.lastResult = a.payload;
      state.spinningSeq = null;
      if (state.status) {
        state.status.nextSpinAt = a.payload.nextSpinAt;
        if (a.payload.buff) state.status.activeBuffs = [...state.status.activeBuffs.filter((b) => b.planetId !== a.payload.planetId), a.payload.buff];
        state.status.nonce = a.payload.nonce + 1;
      }
    },
    spinFailed(state) {
      state.spinningSeq = null;
    },
    verifyStarted(state, a: PayloadAction<number>) {
      state.verifying = a.payload;
      state.verify = null;
      state.verifyError = null;
    },
    verifyFinished(state, a: PayloadAction<VerifyResult>) {
      state.verifying = null;
      state.verify = a.payload;
    },
    verifyFailed(state, a: PayloadAction<string>) {
      state.verifying = null;
      state.verifyError = a.payload;
    },
  },
});

export const { wheelStatusLoaded, wheelHistoryLoaded, spinQueued, spinLanded, spinFailed, verifyStarted, verifyFinished, verifyFailed } =
  wheelSlice.actions;
