import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type NoticeLevel = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  at: number;
  level: NoticeLevel;
  text: string;
}

export interface NotificationsState {
  items: Notice[];
  nextId: number;
  unread: number;
}

export const MAX_NOTICES = 100;
export const initialNotificationsState: NotificationsState = { items: [], nextId: 1, unread: 0 };

export const notificationsSlice = createSlice({
  name: 'notifications',
  initialState: initialNotificationsState,
  reducers: {
    notify: {
      reducer(state, a: PayloadAction<Omit<Notice, 'id'>>) {
        state.items.unshift({ ...a.payload, id: state.nextId });
        state.nextId += 1;
        state.unread += 1;
        if (state.items.length > MAX_NOTICES) state.items.length = MAX_NOTICES;
      },
      prepare(level: NoticeLevel, text: string, at: number = Date.now()) {
        return { payload: { level, text, at } };
      },
    },
    notificationsRead(state) {
      state.unread = 0;
    },
    notificationsCleared(state) {
      state.items = [];
      state.unread = 0;
    },
  },
});

export const { notify, notificationsRead, notificationsCleared } = notificationsSlice.actions;
