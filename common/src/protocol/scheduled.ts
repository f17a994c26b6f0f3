import { z } from 'zod';
import { idSchema } from './views.js';

// Scheduled events (the server's one time-ordered queue, `scheduled_event`): kind → payload schema.
// `scheduleEvent` only takes these kinds with their payloads and the handler of a kind receives
// its payload typed (server/src/game). Payloads are stored as jsonb and read back as written.

export const scheduledEventSchemas = {
  'building.complete': z.object({ queueItemId: idSchema }),
  'research.complete': z.object({ queueItemId: idSchema }),
  'wheel.buffStart': z.object({ spinId: idSchema }),
  'wheel.buffEnd': z.object({ spinId: idSchema }),
  'shipyard.unit': z.object({ orderId: idSchema }),
  'fleet.arrive': z.object({ fleetId: idSchema }),
  'fleet.return': z.object({ fleetId: idSchema }),
} as const;

export type EventKind = keyof typeof scheduledEventSchemas;
export type EventPayload<K extends EventKind> = z.infer<(typeof scheduledEventSchemas)[K]>;
export const EVENT_KINDS = Object.keys(scheduledEventSchemas) as EventKind[];
