import type { BattleOptions, BattleResult, BattleSide, BattleWinner } from '../combat/types.js';
import type { UnitCounts } from '../combat/units.js';
import type { Coordinates } from '../rules/fleet.js';
import type { BuildingLevels, ResearchLevels, Resources } from '../rules/ids.js';
import type { EspionageSection, MissionId } from '../rules/missions.js';
import type { PresenceStatus } from './presence.js';

// REST and stream payloads of the shipyard, fleets, galaxy and reports (docs/protocol.md,
// "Shipyard, fleets and galaxy"). Instants are ISO 8601 strings.

/** One shipyard order of a planet (`queues.shipyard` of a Planet). Units finish one by one. */
export interface ShipyardOrderView {
  id: number;
  planetId: number;
  unit: string;
  count: number;
  /** Units already handed over to the planet. */
  delivered: number;
  /** Total cost of the order (paid when it was placed). */
  cost: Resources;
  /** Seconds per unit (fixed when the order starts; an estimate while it waits). */
  unitSeconds: number;
  queuedAt: string;
  /** Null while the order waits behind another one. */
  startsAt: string | null;
  /** When the last unit is done (startsAt + count · unitSeconds). */
  endsAt: string | null;
  /** When the next unit is done (null while waiting). */
  nextUnitAt: string | null;
}

export type FleetState = 'outbound' | 'returning' | 'done';

/** What a fleet's arrival did (`fleet.arrived`, and `outcome` of a Fleet afterwards). */
export type MissionOutcome =
  | { mission: 'transport'; delivered: Resources }
  | { mission: 'deploy'; planetId: number }
  | { mission: 'attack'; reportId: number | null; winner: BattleWinner | null; loot: Resources; destroyed: boolean }
  | { mission: 'espionage'; reportId: number | null }
  | { mission: 'recycle'; collected: { metal: number; crystal: number } }
  | { mission: 'colonize'; planetId: number | null; reason: 'positionTaken' | 'planetLimit' | null };

/** One of the player's own fleet movements. */
export interface FleetView {
  id: number;
  mission: MissionId;
  state: FleetState;
  origin: { planetId: number; coords: Coordinates };
  /** `planetId` only when the target is one of the player's own planets. */
  target: { coords: Coordinates; planetId: number | null };
  ships: UnitCounts;
  cargo: Resources;
  /** Speed setting in percent. */
  speed: number;
  fuel: number;
  departedAt: string;
  arrivesAt: string;
  /** When it is (or would be) back; null for a deploy that was not recalled. */
  returnsAt: string | null;
  recalledAt: string | null;
  /** True while outbound and not yet arrived: `fleets.recall` will succeed. */
  recallable: boolean;
  outcome: MissionOutcome | null;
}

/** Another player's fleet flying at one of the player's planets (attack, espionage, transport). */
export interface IncomingFleetView {
  id: number;
  mission: MissionId;
  owner: Participant;
  origin: { coords: Coordinates };
  target: { planetId: number; coords: Coordinates };
  /** Total number of ships (the composition is not revealed). */
  shipCount: number;
  arrivesAt: string;
}

/** GET /api/v1/fleets */
export interface FleetList {
  fleets: FleetView[];
  incoming: IncomingFleetView[];
  at: string;
}

/** POST /api/v1/fleets/preview */
export interface FleetPreview {
  distance: number;
  /** Speed of the slowest ship after drive bonuses. */
  speed: number;
  /** One way, in seconds. */
  durationSeconds: number;
  fuel: number;
  capacity: number;
  arrivesAt: string;
  returnsAt: string | null;
}

export interface Participant {
  playerId: number;
  username: string;
}

/** GET /api/v1/galaxy/:galaxy/:system, one entry per position. */
export interface GalaxySlot {
  position: number;
  planet: { name: string; planetId: number | null; player: Participant & { status: PresenceStatus } } | null;
  debris: { metal: number; crystal: number } | null;
}

export interface GalaxyView {
  galaxy: number;
  system: number;
  positions: GalaxySlot[];
  at: string;
}

export interface BattleReportSummary {
  id: number;
  at: string;
  coords: Coordinates;
  planetName: string;
  fleetId: number | null;
  attacker: Participant;
  defender: Participant;
  /** The reader's side. */
  role: 'attacker' | 'defender';
  winner: BattleWinner;
  rounds: number;
  loot: Resources;
  debris: { metal: number; crystal: number };
  attackerLosses: Resources;
  defenderLosses: Resources;
}

/** GET /api/v1/reports/battles/:id — replayable: simulateBattle({...input, seed}) gives `result` again. */
export interface BattleReportView extends BattleReportSummary {
  seed: number;
  engineVersion: number;
  input: { attackers: BattleSide; defenders: BattleSide; options: BattleOptions };
  result: BattleResult;
}

export interface EspionageReportSummary {
  id: number;
  at: string;
  coords: Coordinates;
  planetName: string;
  spy: Participant;
  target: Participant;
  role: 'spy' | 'target';
  probes: number;
  effectiveProbes: number;
  sections: EspionageSection[];
}

/** GET /api/v1/reports/espionage/:id — a section is present only when `sections` lists it. */
export interface EspionageReportView extends EspionageReportSummary {
  resources: Resources;
  fleet?: UnitCounts;
  defense?: UnitCounts;
  buildings?: BuildingLevels;
  research?: ResearchLevels;
}
