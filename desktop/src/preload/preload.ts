// Runs sandboxed in the renderer before the page: exposes exactly one narrow API as
// `window.starhold`. No ipcRenderer, no Node objects cross the bridge.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type DesktopNotification, type StarholdDesktopApi } from '../shared/desktop-api.js';
import type { OutboxSnapshot } from '../shared/outbox-types.js';

const serverArg = process.argv.find((a) => a.startsWith('--starhold-server='));

const api = {
  platform: process.platform,
  defaultServerUrl: serverArg ? serverArg.slice('--starhold-server='.length) : null,
  outbox: {
    load: (scope: string): Promise<OutboxSnapshot | null> => ipcRenderer.invoke(IPC.outboxLoad, scope),
    save: (scope: string, snapshot: OutboxSnapshot): Promise<void> => ipcRenderer.invoke(IPC.outboxSave, scope, snapshot),
  },
  notify: (n: DesktopNotification): void => ipcRenderer.send(IPC.notify, { title: n.title, body: n.body }),
} satisfies StarholdDesktopApi;

contextBridge.exposeInMainWorld('starhold', api);
