import { z } from 'zod';
import type { BattleOptions, BattleResult, BattleSide } from '../combat/types.js';
import { ESPIONAGE_SECTIONS, MISSIONS } from '../rules/missions.js';
import {
  buildingLevelsSchema,
  coordinatesViewSchema,
  debrisSchema,
  idSchema,
  instantSchema,
  participantSchema,
  presenceStatusSchema,
  researchLevelsSchema,
  resourcesSchema,
  unitCountsSchema,
} from './views.js';

// REST and stream payloads of the shipyard, fleets, galaxy and reports (docs/protocol.md,
// "Shipyard, fleets and galaxy"), as zod schemas with their inferred types. Instants are ISO 8601 strings.

/** One shipyard order of a planet (`queues.shipyard` of a Planet). Units finish one by one. */
export const shipyardOrderSchema = z.object({
  id: idSchema,
  planetId: idSchema,
  unit: z.string(),
  count: z.number().int().positive(),
  /** Units already handed over to the planet. */
  delivered: z.number().int().min(0),
  /** Total cost of the order (paid when it was placed). */
  cost: resourcesSchema,
  /** Seconds per unit (fixed when the order starts; an estimate while it waits). */
  unitSeconds: z.number(),
  queuedAt: instantSchema,
  /** Null while the order waits behind another one. */
  startsAt: instantSchema.nullable(),
  /** When the last unit is done (startsAt + count · unitSeconds). */
  endsAt: instantSchema.nullable(),
  /** When the next unit is done (null while waiting). */
  nextUnitAt: instantSchema.nullable(),
});
export type ShipyardOrderView = z.infer<typeof shipyardOrderSchema>;

export const fleetStateSchema = z.enum(['outbound', 'returning', 'done']);
export type FleetState = z.infer<typeof fleetStateSchema>;
const winner = z.enum(['attacker', 'defender', 'draw']);

/** What a fleet's arrival did (`fleet.arrived`, and `outcome` of a Fleet afterwards). */
export const missionOutcomeSchema = z.discriminatedUnion('mission', [
  z.object({ mission: z.literal('transport'), delivered: resourcesSchema }),
  z.object({ mission: z.literal('deploy'), planetId: idSchema }),
  z.object({ mission: z.literal('attack'), reportId: idSchema.nullable(), winner: winner.nullable(), loot: resourcesSchema, destroyed: z.boolean() }),
  z.object({ mission: z.literal('espionage'), reportId: idSchema.nullable() }),
  z.object({ mission: z.literal('recycle'), collected: debrisSchema }),
  z.object({ mission: z.literal('colonize'), planetId: idSchema.nullable(), reason: z.enum(['positionTaken', 'planetLimit']).nullable() }),
]);
export type MissionOutcome = z.infer<typeof missionOutcomeSchema>;

/** One of the player's own fleet movements. */
export const fleetViewSchema = z.object({
  id: idSchema,
  mission: z.enum(MISSIONS),
  state: fleetStateSchema,
  origin: z.object({ planetId: idSchema, coords: coordinatesViewSchema }),
  /** `planetId` only when the target is one of the player's own planets. */
  target: z.object({ coords: coordinatesViewSchema, planetId: idSchema.nullable() }),
  ships: unitCountsSchema,
  cargo: resourcesSchema,
  /** Speed setting in percent. */
  speed: z.number().int(),
  fuel: z.number(),
  departedAt: instantSchema,
  arrivesAt: instantSchema,
  /** When it is (or would be) back; null for a deploy that was not recalled. */
  returnsAt: instantSchema.nullable(),
  recalledAt: instantSchema.nullable(),
  /** True while outbound and not yet arrived: `fleets.recall` will succeed. */
  recallable: z.boolean(),
  outcome: missionOutcomeSchema.nullable(),
});
export type FleetView = z.infer<typeof fleetViewSchema>;

/** Another player's fleet flying at one of the player's planets (attack, espionage, transport). */
export const incomingFleetSchema = z.object({
  id: idSchema,
  mission: z.enum(MISSIONS),
  owner: participantSchema,
  origin: z.object({ coords: coordinatesViewSchema }),
  target: z.object({ planetId: idSchema, coords: coordinatesViewSchema }),
  /** Total number of ships (the composition is not revealed). */
  shipCount: z.number().int(),
  arrivesAt: instantSchema,
});
export type IncomingFleetView = z.infer<typeof incomingFleetSchema>;

/** GET /api/v1/fleets */
export const fleetListSchema = z.object({ fleets: z.array(fleetViewSchema), incoming: z.array(incomingFleetSchema), at: instantSchema });
export type FleetList = z.infer<typeof fleetListSchema>;

/** POST /api/v1/fleets/preview */
export const fleetPreviewSchema = z.object({
  distance: z.number(),
  /** Speed of the slowest ship after drive bonuses. */
  speed: z.number(),
  /** One way, in seconds. */
  durationSeconds: z.number(),
  fuel: z.number(),
  capacity: z.number(),
  arrivesAt: instantSchema,
  returnsAt: instantSchema.nullable(),
});
export type FleetPreview = z.infer<typeof fleetPreviewSchema>;

/** GET /api/v1/galaxy/:galaxy/:system, one entry per position. */
export const galaxySlotSchema = z.object({
  position: z.number().int(),
  planet: z
    .object({
      name: z.string(),
      planetId: idSchema.nullable(),
      player: participantSchema.extend({ status: presenceStatusSchema }),
    })
    .nullable(),
  debris: debrisSchema.nullable(),
});
export type GalaxySlot = z.infer<typeof galaxySlotSchema>;

export const galaxyViewSchema = z.object({
  galaxy: z.number().int(),
  system: z.number().int(),
  positions: z.array(galaxySlotSchema),
  at: instantSchema,
});
export type GalaxyView = z.infer<typeof galaxyViewSchema>;

export const battleReportSummarySchema = z.object({
  id: idSchema,
  at: instantSchema,
  coords: coordinatesViewSchema,
  planetName: z.string(),
  fleetId: idSchema.nullable(),
  attacker: participantSchema,
  defender: participantSchema,
  /** The reader's side. */
  role: z.enum(['attacker', 'defender']),
  winner,
  rounds: z.number().int(),
  loot: resourcesSchema,
  debris: debrisSchema,
  attackerLosses: resourcesSchema,
  defenderLosses: resourcesSchema,
});
export type BattleReportSummary = z.infer<typeof battleReportSummarySchema>;

/** The combat engine's own structures (docs/combat.md): typed by the engine, checked only for being objects. */
const engineObject = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

/** GET /api/v1/reports/battles/:id — replayable: simulateBattle({...input, seed}) gives `result` again. */
export const battleReportViewSchema = battleReportSummarySchema.extend({
  seed: z.number().int(),
  engineVersion: z.number().int(),
  input: z.object({ attackers: engineObject<BattleSide>(), defenders: engineObject<BattleSide>(), options: engineObject<BattleOptions>() }),
  result: engineObject<BattleResult>(),
});
export type BattleReportView = z.infer<typeof battleReportViewSchema>;

export const espionageReportSummarySchema = z.object({
  id: idSchema,
  at: instantSchema,
  coords: coordinatesViewSchema,
  planetName: z.string(),
  spy: participantSchema,
  target: participantSchema,
  role: z.enum(['spy', 'target']),
  probes: z.number().int(),
  effectiveProbes: z.number().int(),
  sections: z.array(z.enum(ESPIONAGE_SECTIONS)),
});
export type EspionageReportSummary = z.infer<typeof espionageReportSummarySchema>;

/** GET /api/v1/reports/espionage/:id — a section is present only when `sections` lists it. */
export const espionageReportViewSchema = espionageReportSummarySchema.extend({
  resources: resourcesSchema,
  fleet: unitCountsSchema.optional(),
  defense: unitCountsSchema.optional(),
  buildings: buildingLevelsSchema.optional(),
  research: researchLevelsSchema.optional(),
});
export type EspionageReportView = z.infer<typeof espionageReportViewSchema>;

export const battleReportListSchema = z.object({ reports: z.array(battleReportSummarySchema) });
export const espionageReportListSchema = z.object({ reports: z.array(espionageReportSummarySchema) });
