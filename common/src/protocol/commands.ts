import { z } from 'zod';
import type { ErrorBody } from './errors.js';
import { MISSIONS } from '../rules/missions.js';
import { unstorableTextAt } from './text.js';

const id = z.number().int().positive().max(2_147_483_647);

// --- Shipyard, fleets and galaxy -------------------------------------------------------------
/** Coordinates in a command; the handler checks them against the universe's size (`INVALID_TARGET`). */
export const coordinatesSchema = z
  .object({
    galaxy: z.number().int().min(1).max(999),
    system: z.number().int().min(1).max(9999),
    position: z.number().int().min(1).max(99),
  })
  .strict();
const amount = z.number().int().min(0).max(1e15);
export const cargoSchema = z.object({ metal: amount, crystal: amount, deuterium: amount }).strict();
/** Ship name → count. Names are checked by the handler (`UNKNOWN_UNIT`); at least one count must be positive. */
export const shipCountsSchema = z
  .record(z.string().min(1).max(64), z.number().int().min(0).max(1e12))
  .refine((r) => Object.keys(r).length <= 32, 'at most 32 ship types')
  .refine((r) => Object.values(r).some((n) => n > 0), 'send at least one ship');
/** Speed setting in percent, OGame's 10% steps. */
export const fleetSpeedSchema = z.number().int().min(10).max(100).multipleOf(10);
/** A planned dispatch: `fleets.send` and `POST /api/v1/fleets/preview`. */
export const fleetDispatchSchema = z
  .object({
    planetId: id,
    ships: shipCountsSchema,
    target: coordinatesSchema,
    mission: z.enum(MISSIONS),
    speed: fleetSpeedSchema.default(100),
    cargo: cargoSchema.default({ metal: 0, crystal: 0, deuterium: 0 }),
  })
  .strict();

/** Every player mutation travels as this envelope, over REST (`POST /api/v1/commands`) or the socket. */
export const commandEnvelopeSchema = z
  .object({
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8-64 characters of [A-Za-z0-9_-]'),
    seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    type: z.string().min(1).max(64),
    payload: z.unknown(),
  })
  .superRefine((envelope, ctx) => {
    // Commands and their outcomes are stored (text and jsonb columns): such text could not be.
    const at = unstorableTextAt(envelope);
    if (at !== undefined) ctx.addIssue({ code: 'custom', message: `text at ${at} contains U+0000 or an unpaired surrogate` });
  });
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

/** Payload schemas by command type. Names of buildings/research are checked by the handlers
 * so that an unknown one is a rule rejection (`UNKNOWN_BUILDING`) with a final answer. */
export const commandPayloadSchemas = {
  'buildings.upgrade': z.object({ planetId: id, building: z.string().min(1).max(64) }).strict(),
  'buildings.cancel': z.object({ planetId: id, queueItemId: id }).strict(),
  'research.start': z.object({ planetId: id, research: z.string().min(1).max(64) }).strict(),
  'research.cancel': z.object({ queueItemId: id }).strict(),
  'wheel.spin': z.object({ planetId: id, clientSeed: z.string().min(1).max(128) }).strict(),
  'shipyard.build': z.object({ planetId: id, unit: z.string().min(1).max(64), count: z.number().int().positive().max(1_000_000) }).strict(),
  'fleets.send': fleetDispatchSchema,
  'fleets.recall': z.object({ fleetId: id }).strict(),
} as const;
export type CommandType = keyof typeof commandPayloadSchemas;
export type CommandPayload<T extends CommandType> = z.infer<(typeof commandPayloadSchemas)[T]>;
export const COMMAND_TYPES = Object.keys(commandPayloadSchemas) as CommandType[];
export function isCommandType(x: string): x is CommandType {
  return Object.prototype.hasOwnProperty.call(commandPayloadSchemas, x);
}

/** The answer to a command, identical over REST and socket acks. */
export type CommandOutcome =
  | { status: 'applied'; result: unknown }
  | { status: 'rejected'; error: ErrorBody }
  | { status: 'duplicate'; original: 'applied'; result: unknown }
  | { status: 'duplicate'; original: 'rejected'; error: ErrorBody }
  /** The seq was processed (it is at or below the cursor) but its answer is past retention. */
  | { status: 'duplicate'; original: 'unknown' }
  | { status: 'gap'; expected: number };
export type CommandStatus = CommandOutcome['status'];
