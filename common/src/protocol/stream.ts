import { z } from 'zod';
import { BUILDINGS, RESEARCH } from '../rules/ids.js';
import {
  battleReportSummarySchema,
  espionageReportSummarySchema,
  fleetViewSchema,
  incomingFleetSchema,
  missionOutcomeSchema,
  shipyardOrderSchema,
} from './fleets.js';
import { planetStockSchema } from './planets.js';
import { rotateSeedResponseSchema, spinResultSchema } from './wheel.js';
import {
  coordinatesViewSchema,
  idSchema,
  instantSchema,
  participantSchema,
  planetSummarySchema,
  planetUnitsSchema,
  queueItemSchema,
  resourcesSchema,
} from './views.js';

// The player's ordered stream (docs/protocol.md, "Stream event types"): event type → payload schema.
// The server's `StreamBatch.append` only takes these types with their payloads (and parses them in
// tests); clients narrow `StreamEventMessage` on `type` and get the payload's type.

const queueKind = z.enum(['building', 'research']);
/** Who sent a fleet, and from where (transport and espionage notices). */
const sender = participantSchema.extend({ coords: coordinatesViewSchema });

/** The `fleets.send` result without distance and duration (also the `fleet.dispatched` payload). */
export const fleetDispatchedSchema = z.object({ fleet: fleetViewSchema, planetId: idSchema, resources: resourcesSchema, units: planetUnitsSchema });

export const streamEventSchemas = {
  /** A level was queued (paid) or cancelled (refunded); `resources` are the paying planet's amounts after it. */
  'queue.updated': z.union([
    z.object({ planetId: idSchema, kind: queueKind, added: queueItemSchema, resources: resourcesSchema }),
    z.object({ planetId: idSchema, kind: queueKind, removed: z.array(idSchema), resources: resourcesSchema }),
    z.object({ planetId: idSchema, kind: z.literal('shipyard'), added: shipyardOrderSchema, resources: resourcesSchema }),
  ]),
  'building.completed': z.object({
    planetId: idSchema,
    building: z.enum(BUILDINGS),
    level: z.number().int().positive(),
    at: instantSchema,
    resources: resourcesSchema,
    /** The queue item that started then. */
    next: queueItemSchema.nullable(),
  }),
  'research.completed': z.object({
    research: z.enum(RESEARCH),
    level: z.number().int().positive(),
    at: instantSchema,
    next: queueItemSchema.nullable(),
  }),
  'wheel.spun': spinResultSchema,
  'wheel.buffEnded': z.object({ planetId: idSchema, spinId: idSchema, multiplier: z.number(), endedAt: instantSchema, resources: resourcesSchema }),
  'wheel.seedRotated': rotateSeedResponseSchema,
  'resources.granted': z.object({ planetId: idSchema, granted: resourcesSchema, resources: resourcesSchema }),
  'shipyard.completed': z.object({
    planetId: idSchema,
    order: shipyardOrderSchema,
    at: instantSchema,
    units: planetUnitsSchema,
    resources: resourcesSchema,
    next: shipyardOrderSchema.nullable(),
  }),
  'fleet.dispatched': fleetDispatchedSchema,
  'fleet.recalled': z.object({ fleet: fleetViewSchema }),
  /** `planet` when the target is one of the owner's planets. */
  'fleet.arrived': z.object({ fleet: fleetViewSchema, outcome: missionOutcomeSchema, planet: planetStockSchema.nullable() }),
  /** `fleet.cargo` is what was unloaded. */
  'fleet.returned': z.object({ fleet: fleetViewSchema, planetId: idSchema, resources: resourcesSchema, units: planetUnitsSchema }),
  'fleet.incoming': z.object({ incoming: incomingFleetSchema }),
  'fleet.incomingRecalled': z.object({ fleetId: idSchema }),
  'transport.received': z.object({ fleetId: idSchema, planetId: idSchema, cargo: resourcesSchema, from: sender, resources: resourcesSchema }),
  /** `planet` for the defender: its units and amounts after the battle. */
  'battle.report': z.object({ fleetId: idSchema, report: battleReportSummarySchema, planet: planetStockSchema.optional() }),
  'espionage.report': z.object({ fleetId: idSchema, report: espionageReportSummarySchema }),
  'espionage.detected': z.object({
    fleetId: idSchema,
    reportId: idSchema,
    planetId: idSchema,
    at: instantSchema,
    probes: z.number().int(),
    from: sender,
  }),
  'planet.colonized': z.object({ fleetId: idSchema, planet: planetSummarySchema }),
} as const;

export type StreamEventType = keyof typeof streamEventSchemas;
export type StreamEventData<T extends StreamEventType> = z.infer<(typeof streamEventSchemas)[T]>;
/** Stream event types emitted so far (more are added by later features; unknown types are skippable). */
export const STREAM_EVENT_TYPES = Object.keys(streamEventSchemas) as StreamEventType[];

/** One stream event of a known type, its payload typed by its type. */
export type KnownStreamEvent<T extends StreamEventType = StreamEventType> = {
  [K in T]: { seq: number; type: K; data: StreamEventData<K>; /** The instant of the change (ISO 8601). */ at: string };
}[T];

/**
 * One entry of the player's ordered stream; a client narrows on `type`. A newer server may send
 * types this union does not list: they reach the `default` of such a switch (skip them, but count them).
 */
export type StreamEventMessage = KnownStreamEvent;
