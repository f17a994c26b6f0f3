import { createAsyncThunk } from '@reduxjs/toolkit';
import type { AppServices } from './services.js';
import type { AppDispatch, RootState } from './store.js';

/** `createAsyncThunk` with the app's types, once. */
export const createAppThunk = createAsyncThunk.withTypes<{ state: RootState; dispatch: AppDispatch; extra: AppServices; rejectValue: string }>();
