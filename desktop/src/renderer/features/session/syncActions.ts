import { createAction } from '@reduxjs/toolkit';
import type { HelloMessage, SyncedMessage } from '@starhold/common';

export const helloReceived = createAction<HelloMessage>('sync/hello');
export const syncedReceived = createAction<SyncedMessage>('sync/synced');
export const authProblem = createAction<{ code: string; message: string }>('sync/authProblem');
