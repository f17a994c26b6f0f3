import { z } from 'zod';
import { BUILDINGS, RESEARCH } from '../rules/ids.js';
import { UNITS } from '../combat/units.js';

// Building blocks of the wire contracts (contracts/*): the shapes the server sends, as zod schemas
// with their inferred types. The server builds these objects; tests parse them (decisions.md §37).

/** An instant on the wire: ISO 8601 in UTC with milliseconds (`Date.prototype.toISOString`). */
export const instantSchema = z.iso.datetime().describe('ISO-8601 UTC timestamp');
export const idSchema = z.number().int().positive();
const count = z.number().int().min(0);

export const resourcesSchema = z.object({ metal: z.number(), crystal: z.number(), deuterium: z.number() });
export const coordinatesViewSchema = z.object({ galaxy: z.number().int(), system: z.number().int(), position: z.number().int() });
export const debrisSchema = z.object({ metal: z.number(), crystal: z.number() });
export const buildingLevelsSchema = z.record(z.enum(BUILDINGS), count);
export const researchLevelsSchema = z.record(z.enum(RESEARCH), count);
/** Unit type → count; a missing type means 0. */
export const unitCountsSchema = z.partialRecord(z.enum(UNITS), count);
/** Unit name → count as a planet stores it (names the rules know; zero counts may be absent). */
export const planetUnitsSchema = z.record(z.string(), count);

/** One building or research queue item; `startsAt`/`endsAt` are null while it waits behind another. */
export const queueItemSchema = z.object({
  id: idSchema,
  kind: z.enum(['building', 'research']),
  target: z.string(),
  level: z.number().int().positive(),
  cost: resourcesSchema,
  queuedAt: instantSchema,
  startsAt: instantSchema.nullable(),
  endsAt: instantSchema.nullable(),
});
export type QueueItemSnapshot = z.infer<typeof queueItemSchema>;

export const PresenceStatus = { online: 'online', away: 'away', offline: 'offline' } as const;
export type PresenceStatus = (typeof PresenceStatus)[keyof typeof PresenceStatus];
export const presenceStatusSchema = z.enum(PresenceStatus);

export const participantSchema = z.object({ playerId: idSchema, username: z.string() });
export type Participant = z.infer<typeof participantSchema>;

/** A planet in lists (`GET /api/v1/me`, `planet.colonized`). */
export const planetSummarySchema = z.object({ id: idSchema, name: z.string(), coords: coordinatesViewSchema });
export type PlanetSummary = z.infer<typeof planetSummarySchema>;
