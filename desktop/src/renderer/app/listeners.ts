import type { AppStartListening } from './store.js';
import { registerSessionRuntime } from '../features/session/runtime.js';
import { registerSessionListeners } from '../features/session/listeners.js';
import { registerNotificationListeners } from '../features/notifications/listeners.js';
import { registerWheelListeners } from '../features/wheel/listeners.js';
import { registerFleetListeners } from '../features/fleets/listeners.js';

/** Every feature's side effects, registered once at start-up. */
export function registerListeners(startListening: AppStartListening): void {
  registerSessionRuntime(startListening);
  registerSessionListeners(startListening);
  registerNotificationListeners(startListening);
  registerWheelListeners(startListening);
  registerFleetListeners(startListening);
}
