import type { Resources } from '../rules/ids.js';
import type { WheelOutcome } from '../rules/wheel.js';

/** Wire shapes of the lucky wheel's REST answers and stream events (server and client share them). */
export interface WheelBuffView {
  planetId: number;
  multiplier: number;
  startsAt: string;
  endsAt: string;
  spinId?: number;
}

export interface WheelStatus {
  cost: Resources;
  cooldownSeconds: number;
  buffSeconds: number;
  nextSpinAt: string | null;
  odds: { outcome: WheelOutcome; multiplier: number; probability: number }[];
  activeBuffs: WheelBuffView[];
  commitment: string;
  nonce: number;
}

/** What `wheel.spin` answers (and what the `wheel.spun` stream event carries). */
export interface SpinResult {
  spinId: number;
  planetId: number;
  outcome: WheelOutcome;
  multiplier: number;
  buff: WheelBuffView | null;
  /** The nonce this spin was drawn with (the seed's spin count before it). */
  nonce: number;
  /** Commitment of the server seed this spin was drawn with. */
  commitment: string;
  nextSpinAt: string;
  resources: Resources;
}

/** One history row; the server seed appears only once the player has rotated (revealed) it. */
export interface WheelHistoryEntry {
  id: number;
  spunAt: string;
  planetId: number;
  cost: Resources;
  clientSeed: string;
  nonce: number;
  outcome: WheelOutcome;
  multiplier: number;
  buff: (WheelBuffView & { replacedAt: string | null }) | null;
  commitment: string | null;
  serverSeed: string | null;
  seedRevealedAt: string | null;
}

export interface WheelHistory {
  spins: WheelHistoryEntry[];
  nextBefore: number | null;
}

export interface RotateSeedResponse {
  revealedSeed: string;
  commitment: string;
  nonce: number;
  newCommitment: string;
}
