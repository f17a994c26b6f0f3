import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConnectionState } from '../../net/transport.js';

export interface ConnectionSliceState {
  state: ConnectionState;
  latencyMs: number | null;
  transport: string;
  attempts: number;
  lastSyncAt: number | null;
  error: string | null;
}

export const initialConnectionState: ConnectionSliceState = {
  state: 'offline',
  latencyMs: null,
  transport: 'websocket',
  attempts: 0,
  lastSyncAt: null,
  error: null,
};

export type ConnectionPatch = Partial<ConnectionSliceState>;

export const connectionSlice = createSlice({
  name: 'connection',
  initialState: initialConnectionState,
  reducers: {
    connectionChanged(state, a: PayloadAction<ConnectionPatch>) {
      Object.assign(state, a.payload);
      if (a.payload.state && a.payload.state !== 'connected') state.latencyMs = null;
    },
    connectionReset() {
      return initialConnectionState;
    },
  },
});

export const { connectionChanged, connectionReset } = connectionSlice.actions;
