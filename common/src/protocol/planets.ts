import { z } from 'zod';
import { RESEARCH } from '../rules/ids.js';
import { UNITS } from '../combat/units.js';
import { shipyardOrderSchema } from './fleets.js';
import {
  buildingLevelsSchema,
  idSchema,
  instantSchema,
  planetSummarySchema,
  planetUnitsSchema,
  queueItemSchema,
  researchLevelsSchema,
  resourcesSchema,
} from './views.js';

// The player's state as REST answers and the socket's snapshot carry it.

export const productionViewSchema = z.object({
  perHour: resourcesSchema,
  actual: resourcesSchema,
  theoretical: resourcesSchema,
  base: resourcesSchema,
  mines: resourcesSchema,
  fusionDeuteriumPerHour: z.number(),
  multiplier: z.number(),
});
export type ProductionView = z.infer<typeof productionViewSchema>;

export const energyViewSchema = z.object({ produced: z.number(), consumed: z.number(), balance: z.number(), factor: z.number() });
export type EnergyView = z.infer<typeof energyViewSchema>;

/** GET /api/v1/planets/:id and each planet of a snapshot: resources computed for the instant `at`. */
export const planetViewSchema = planetSummarySchema.extend({
  temperature: z.object({ min: z.number(), max: z.number() }),
  fields: z.number().int(),
  resources: resourcesSchema,
  storage: resourcesSchema,
  production: productionViewSchema,
  energy: energyViewSchema,
  buildings: buildingLevelsSchema,
  units: planetUnitsSchema,
  buff: z.object({ multiplier: z.number(), endsAt: instantSchema }).nullable(),
  queues: z.object({ building: z.array(queueItemSchema), shipyard: z.array(shipyardOrderSchema) }),
  /** The instant the resources were computed for. */
  at: instantSchema,
});
export type PlanetView = z.infer<typeof planetViewSchema>;
/** The planet of a snapshot: the same shape as the REST planet. */
export type PlanetSnapshot = PlanetView;

export const playerViewSchema = z.object({ id: idSchema, username: z.string(), createdAt: instantSchema });

export const playerStateSchema = z.object({
  player: playerViewSchema,
  planets: z.array(planetViewSchema),
  research: z.object({ levels: researchLevelsSchema, queue: z.array(queueItemSchema) }),
});
export type PlayerStateSnapshot = z.infer<typeof playerStateSchema>;

/** GET /api/v1/me */
export const meResponseSchema = z.object({ player: playerViewSchema, planets: z.array(planetSummarySchema) });
export type MeResponse = z.infer<typeof meResponseSchema>;

export const researchCatalogueEntrySchema = z.object({
  id: z.enum(RESEARCH),
  level: z.number().int(),
  nextCost: resourcesSchema,
  nextTimeSeconds: z.number(),
  /** Requirements not met yet, e.g. `researchLab 1`. */
  missing: z.array(z.string()),
});
export type ResearchCatalogueEntry = z.infer<typeof researchCatalogueEntrySchema>;

/** GET /api/v1/research: times and requirements are those of the planet with the best lab (`labPlanetId`). */
export const researchResponseSchema = z.object({
  levels: researchLevelsSchema,
  queue: z.array(queueItemSchema),
  labPlanetId: idSchema.nullable(),
  catalogue: z.array(researchCatalogueEntrySchema),
});
export type ResearchResponse = z.infer<typeof researchResponseSchema>;

/** One unit of GET /api/v1/planets/:id/shipyard. */
export const shipyardCatalogueEntrySchema = z.object({
  id: z.enum(UNITS),
  kind: z.enum(['ship', 'defense']),
  count: z.number().int(),
  cost: resourcesSchema,
  unitSeconds: z.number(),
  missing: z.array(z.string()),
  limit: z.number().int().nullable(),
});
export type ShipyardCatalogueEntry = z.infer<typeof shipyardCatalogueEntrySchema>;

export const shipyardResponseSchema = z.object({
  planetId: idSchema,
  queue: z.array(shipyardOrderSchema),
  catalogue: z.array(shipyardCatalogueEntrySchema),
  ships: z.array(z.enum(UNITS)),
  defenses: z.array(z.enum(UNITS)),
});
export type ShipyardResponse = z.infer<typeof shipyardResponseSchema>;

/** A planet's amounts and units after a change (fleet and battle events). */
export const planetStockSchema = z.object({ id: idSchema, resources: resourcesSchema, units: planetUnitsSchema });
