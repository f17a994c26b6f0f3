import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { PresenceEntry } from '@starhold/common';

export interface PresenceState {
  byId: Record<number, PresenceEntry>;
}

export const initialPresenceState: PresenceState = { byId: {} };

export const presenceSlice = createSlice({
  name: 'presence',
  initialState: initialPresenceState,
  reducers: {
    /** GET /api/v1/presence lists who is online or away; players we saw go offline stay listed. */
    presenceListed(state, a: PayloadAction<PresenceEntry[]>) {
      const listed = new Set(a.payload.map((p) => p.playerId));
      for (const p of Object.values(state.byId)) {
        if (!listed.has(p.playerId) && p.status !== 'offline') state.byId[p.playerId] = { ...p, status: 'offline' };
      }
      for (const p of a.payload) state.byId[p.playerId] = p;
    },
    /** One `presence` message: the players whose status changed, each once with its latest status. */
    presenceChanged(state, a: PayloadAction<PresenceEntry[]>) {
      for (const p of a.payload) state.byId[p.playerId] = p;
    },
    presenceCleared() {
      return initialPresenceState;
    },
  },
});

export const { presenceListed, presenceChanged, presenceCleared } = presenceSlice.actions;
