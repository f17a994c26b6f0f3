// Shapes of the server's REST answers that the client reads. The socket protocol's types come
// from `@starhold/common` (protocol/socket.ts); these are the REST-only extras.
import type { PlanetSnapshot, QueueItemSnapshot, ResearchId, ResearchLevels, Resources, ShipyardOrderView, UnitId } from '@starhold/common';

export interface EnergyView {
  produced: number;
  consumed: number;
  balance: number;
  factor: number;
}

export interface ProductionView {
  perHour: Resources;
  actual: Resources;
  theoretical: Resources;
  base: Resources;
  mines: Resources;
  fusionDeuteriumPerHour: number;
  multiplier: number;
}

/** GET /api/v1/planets/:id (a superset of the socket's PlanetSnapshot). */
export interface PlanetView extends PlanetSnapshot {
  temperature?: { min: number; max: number };
  production?: ProductionView;
  energy?: EnergyView;
  buff?: { multiplier: number; endsAt: string } | null;
}

export interface SessionResponse {
  player: { id: number; username: string };
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  /** Proof that this device signed in to this username before; sent with later logins (servers before it omit it). */
  deviceToken?: string;
}

export interface MeResponse {
  player: { id: number; username: string; createdAt: string };
  planets: { id: number; name: string; coords: { galaxy: number; system: number; position: number } }[];
}

export interface ResearchCatalogueEntry {
  id: ResearchId;
  level: number;
  nextCost: Resources;
  nextTimeSeconds: number;
  missing: string[];
}

export interface ResearchResponse {
  levels: ResearchLevels;
  queue: QueueItemSnapshot[];
  catalogue: ResearchCatalogueEntry[];
}

/** One unit of GET /api/v1/planets/:id/shipyard. */
export interface ShipyardCatalogueEntry {
  id: UnitId;
  kind: 'ship' | 'defense';
  count: number;
  cost: Resources;
  unitSeconds: number;
  missing: string[];
  limit: number | null;
}

export interface ShipyardResponse {
  planetId: number;
  queue: ShipyardOrderView[];
  catalogue: ShipyardCatalogueEntry[];
}

export type { RotateSeedResponse, SpinResult, WheelBuffView, WheelHistory, WheelHistoryEntry, WheelStatus } from '@starhold/common';
