import type { OutboxSnapshot } from './outbox-types.js';

/** A desktop notification the renderer asks the shell to show (finished builds, wheel results). */
export interface DesktopNotification {
  title: string;
  body: string;
}

/**
 * The one narrow API the preload exposes as `window.starhold` (checked there with `satisfies`).
 * Plain data in, plain data out: no Electron objects, no generic IPC.
 */
export interface StarholdDesktopApi {
  readonly platform: string;
  /** A server address handed to the shell (e.g. by `npm start`); the player can change it. */
  readonly defaultServerUrl: string | null;
  readonly outbox: {
    load(scope: string): Promise<OutboxSnapshot | null>;
    save(scope: string, snapshot: OutboxSnapshot): Promise<void>;
  };
  notify(n: DesktopNotification): void;
}

/** IPC channel names, shared by main and preload. */
export const IPC = {
  outboxLoad: 'starhold:outbox:load',
  outboxSave: 'starhold:outbox:save',
  notify: 'starhold:notify',
} as const;
