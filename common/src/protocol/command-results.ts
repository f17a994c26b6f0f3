import { z } from 'zod';
import { fleetViewSchema, shipyardOrderSchema } from './fleets.js';
import type { CommandType } from './commands.js';
import type { ErrorBody } from './errors.js';
import { fleetDispatchedSchema } from './stream.js';
import { spinResultSchema } from './wheel.js';
import { idSchema, queueItemSchema, resourcesSchema } from './views.js';

// What an applied command answers, by command type (`result` of an `applied` outcome). Handlers
// are typed to return exactly this (server/src/commands/registry.ts).

const queued = z
  .object({ queueItem: queueItemSchema, resources: resourcesSchema })
  .describe("The queued item and the planet's resources after paying");
const cancelled = z
  .object({ cancelled: z.array(idSchema), resources: resourcesSchema })
  .describe('Ids of the cancelled items (an item and everything queued after it) and the resources after the refund');

export const commandResultSchemas = {
  'buildings.upgrade': queued,
  'buildings.cancel': cancelled,
  'research.start': queued,
  'research.cancel': cancelled,
  'wheel.spin': spinResultSchema,
  'shipyard.build': z.object({ order: shipyardOrderSchema, resources: resourcesSchema }),
  'fleets.send': fleetDispatchedSchema.extend({ distance: z.number(), durationSeconds: z.number() }),
  'fleets.recall': z.object({ fleet: fleetViewSchema }),
} as const satisfies Record<CommandType, z.ZodType>;

export type CommandResult<T extends CommandType> = z.infer<(typeof commandResultSchemas)[T]>;

/** The answer to a command of type T, identical over REST and socket acks. */
export type CommandOutcomeOf<T extends CommandType> =
  | { status: 'applied'; result: CommandResult<T> }
  | { status: 'rejected'; error: ErrorBody }
  | { status: 'duplicate'; original: 'applied'; result: CommandResult<T> }
  | { status: 'duplicate'; original: 'rejected'; error: ErrorBody }
  /** The seq was processed (it is at or below the cursor) but its answer is past retention. */
  | { status: 'duplicate'; original: 'unknown' }
  | { status: 'gap'; expected: number };

/**
 * The result of an applied command of type `type` (a `duplicate` of an applied one included), or
 * null when `command` is of another type or was not applied. The wire carries results untyped; the
 * server's handlers are typed to return `CommandResult<T>` and its tests parse every result.
 */
export function appliedResult<T extends CommandType>(
  command: { type: string },
  outcome: { status: string; result?: unknown },
  type: T,
): CommandResult<T> | null {
  if (command.type !== type || !('result' in outcome)) return null;
  return outcome.result as CommandResult<T>;
}
