import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WHEEL_OUTCOMES } from '@starhold/common';

/**
 * A player's server seed for the lucky wheel. Only its commitment (SHA-256 of the hex text) is
 * shown until the player rotates it; `nonce` counts the spins drawn with it. One unrevealed seed
 * per player (partial unique index).
 */
export const WheelSeedSchema = defineEntity({
  name: 'WheelSeed',
  tableName: 'wheel_seed',
  properties: {
    id: p.integer().primary().autoincrement(),
    playerId: p.integer(),
    serverSeed: p.text(),
    commitment: p.text(),
    nonce: p.integer().default(0),
    createdAt: p.datetime(3),
    revealedAt: p.datetime(3).nullable(),
  },
});
export type WheelSeed = InferEntity<typeof WheelSeedSchema>;

/** One spin, kept for the player's history; a win's buff window is [buffStartsAt, buffEndsAt). */
export const WheelSpinSchema = defineEntity({
  name: 'WheelSpin',
  tableName: 'wheel_spin',
  properties: {
    id: p.integer().primary().autoincrement(),
    playerId: p.integer(),
    planetId: p.integer(),
    seedId: p.integer(),
    clientSeed: p.text(),
    nonce: p.integer(),
    outcome: p.enum(WHEEL_OUTCOMES).columnType('text'),
    multiplier: p.float().columnType('double precision'),
    costMetal: p.bigint('number'),
    costCrystal: p.bigint('number'),
    costDeuterium: p.bigint('number'),
    buffStartsAt: p.datetime(3).nullable(),
    buffEndsAt: p.datetime(3).nullable(),
    /** Set when a later win on the same planet cut this buff short, at that win's instant. */
    buffReplacedAt: p.datetime(3).nullable(),
    spunAt: p.datetime(3),
  },
});
export type WheelSpin = InferEntity<typeof WheelSpinSchema>;
