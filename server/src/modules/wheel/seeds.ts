import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { outcomeFromHmacHex, wheelMessage, type WheelOutcome } from '@starhold/common';
import { lockPlayer } from '../../db/locks.js';
import { WheelSeedSchema, type WheelSeed } from './wheel.entity.js';

/** A fresh server seed: 32 bytes from the operating system's CSPRNG, as 64 lowercase hex digits. */
export function newServerSeed(): string {
  return randomBytes(32).toString('hex');
}

/** The commitment shown before the seed is revealed: lowercase hex SHA-256 of the seed's hex text. */
export function commitmentOf(serverSeed: string): string {
  return createHash('sha256').update(serverSeed, 'utf8').digest('hex');
}

/** HMAC-SHA256, keyed by the server seed's hex text, of `clientSeed:nonce`, in lowercase hex. */
export function wheelHmacHex(serverSeed: string, clientSeed: string, nonce: number): string {
  return createHmac('sha256', Buffer.from(serverSeed, 'utf8')).update(wheelMessage(clientSeed, nonce), 'utf8').digest('hex');
}

export function drawOutcome(serverSeed: string, clientSeed: string, nonce: number): WheelOutcome {
  return outcomeFromHmacHex(wheelHmacHex(serverSeed, clientSeed, nonce));
}

/**
 * The player's current (unrevealed) seed, created on first use. Two concurrent first uses race
 * on the partial unique index; the loser's insert does nothing and both read the winner's row.
 */
export async function currentSeed(em: EntityManager, playerId: number, now: Date): Promise<WheelSeed> {
  const found = await em.findOne(WheelSeedSchema, { playerId, revealedAt: null }, { refresh: true });
  if (found) return found;
  const seed = newServerSeed();
  await em.execute(
    `insert into wheel_seed (player_id, server_seed, commitment, nonce, created_at) values (?, ?, ?, 0, ?)
     on conflict (player_id) where revealed_at is null do nothing`,
    [playerId, seed, commitmentOf(seed), now],
  );
  return em.findOneOrFail(WheelSeedSchema, { playerId, revealedAt: null }, { refresh: true });
}

/**
 * Serializes a player's wheel operations (spins, rotations) on the player row. Lock order
 * everywhere is planets first, then the player, so a spin locks its planet before calling this.
 */
export async function lockWheelOf(em: EntityManager, playerId: number): Promise<void> {
  await lockPlayer(em, playerId);
}

export interface RotatedSeed {
  revealed: WheelSeed;
  next: WheelSeed;
}

/** Reveals the current seed (its spins can now be re-derived) and starts a new one at nonce 0. */
export async function rotateSeed(em: EntityManager, playerId: number, now: Date): Promise<RotatedSeed> {
  await lockWheelOf(em, playerId);
  const revealed = await currentSeed(em, playerId, now);
  revealed.revealedAt = now;
  await em.flush();
  const next = await currentSeed(em, playerId, now);
  return { revealed, next };
}
