import { z } from 'zod';
import { WHEEL_OUTCOMES } from '../rules/wheel.js';
import { idSchema, instantSchema, resourcesSchema } from './views.js';

/** Wire shapes of the lucky wheel's REST answers and stream events (server and client share them). */
const outcome = z.enum(WHEEL_OUTCOMES);

export const wheelBuffSchema = z.object({
  planetId: idSchema,
  multiplier: z.number(),
  startsAt: instantSchema,
  endsAt: instantSchema,
  spinId: idSchema.optional(),
});
export type WheelBuffView = z.infer<typeof wheelBuffSchema>;

export const wheelStatusSchema = z.object({
  cost: resourcesSchema,
  cooldownSeconds: z.number(),
  buffSeconds: z.number(),
  nextSpinAt: instantSchema.nullable(),
  odds: z.array(z.object({ outcome, multiplier: z.number(), probability: z.number() })),
  activeBuffs: z.array(wheelBuffSchema),
  commitment: z.string(),
  nonce: z.number().int(),
});
export type WheelStatus = z.infer<typeof wheelStatusSchema>;

/** What `wheel.spin` answers (and what the `wheel.spun` stream event carries). */
export const spinResultSchema = z.object({
  spinId: idSchema,
  planetId: idSchema,
  outcome,
  multiplier: z.number(),
  buff: wheelBuffSchema.nullable(),
  /** The nonce this spin was drawn with (the seed's spin count before it). */
  nonce: z.number().int(),
  /** Commitment of the server seed this spin was drawn with. */
  commitment: z.string(),
  nextSpinAt: instantSchema,
  resources: resourcesSchema,
});
export type SpinResult = z.infer<typeof spinResultSchema>;

/** One history row; the server seed appears only once the player has rotated (revealed) it. */
export const wheelHistoryEntrySchema = z.object({
  id: idSchema,
  spunAt: instantSchema,
  planetId: idSchema,
  cost: resourcesSchema,
  clientSeed: z.string(),
  nonce: z.number().int(),
  outcome,
  multiplier: z.number(),
  buff: wheelBuffSchema.extend({ replacedAt: instantSchema.nullable() }).nullable(),
  commitment: z.string().nullable(),
  serverSeed: z.string().nullable(),
  seedRevealedAt: instantSchema.nullable(),
});
export type WheelHistoryEntry = z.infer<typeof wheelHistoryEntrySchema>;

export const wheelHistorySchema = z.object({ spins: z.array(wheelHistoryEntrySchema), nextBefore: idSchema.nullable() });
export type WheelHistory = z.infer<typeof wheelHistorySchema>;

export const rotateSeedResponseSchema = z.object({
  revealedSeed: z.string(),
  commitment: z.string(),
  nonce: z.number().int(),
  newCommitment: z.string(),
});
export type RotateSeedResponse = z.infer<typeof rotateSeedResponseSchema>;
