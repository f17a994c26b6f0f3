import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { CommandOutcome } from '@starhold/common';
import type { OutboxCommand } from '../../../shared/outbox-types.js';

export interface OutboxState {
  /** Mirror of the durable outbox (the SyncClient owns the real one). */
  commands: OutboxCommand[];
  storageKind: string;
  loaded: boolean;
}

export const initialOutboxState: OutboxState = { commands: [], storageKind: 'unknown', loaded: false };

export const outboxSlice = createSlice({
  name: 'outbox',
  initialState: initialOutboxState,
  reducers: {
    outboxChanged(state, a: PayloadAction<OutboxCommand[]>) {
      state.commands = a.payload;
      state.loaded = true;
    },
    storageSelected(state, a: PayloadAction<string>) {
      state.storageKind = a.payload;
    },
    /** The server answered a queued command (dispatched after it left the outbox). */
    commandAnswered(_state, _a: PayloadAction<{ command: OutboxCommand; outcome: CommandOutcome }>) {},
  },
});

export const { outboxChanged, storageSelected, commandAnswered } = outboxSlice.actions;
