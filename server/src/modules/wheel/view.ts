import type { EntityManager } from '@mikro-orm/postgresql';
import {
  WHEEL_COST,
  WHEEL_ODDS,
  type Resources,
  type WheelBuffView,
  type WheelHistory,
  type WheelHistoryEntry,
  type WheelStatus,
} from '@starhold/common';

export type { SpinResult, WheelBuffView } from '@starhold/common';
import type { GameSettings } from '../../core/settings.js';
import { currentSeed } from './seeds.js';
import { WheelSeedSchema, WheelSpinSchema, type WheelSeed, type WheelSpin } from './wheel.entity.js';

export function costOfSpin(spin: WheelSpin): Resources {
  return { metal: spin.costMetal, crystal: spin.costCrystal, deuterium: spin.costDeuterium };
}

export function buffView(spin: WheelSpin): WheelBuffView | null {
  if (!spin.buffStartsAt || !spin.buffEndsAt) return null;
  return { planetId: spin.planetId, multiplier: spin.multiplier, startsAt: spin.buffStartsAt.toISOString(), endsAt: spin.buffEndsAt.toISOString() };
}

/** The instant of the player's next allowed spin, or null if they never spun. */
export async function nextSpinAt(em: EntityManager, playerId: number, cooldownS: number): Promise<Date | null> {
  const rows = await em.execute<{ last: Date | string | null }[]>('select max(spun_at) as last from wheel_spin where player_id = ?', [playerId]);
  const last = rows[0]?.last;
  return last ? new Date(new Date(last).getTime() + cooldownS * 1000) : null;
}

/** `GET /api/v1/wheel`: the numbers, the player's cooldown, buffs in force and the current commitment. */
export async function wheelStatus(em: EntityManager, s: GameSettings, playerId: number, now: Date): Promise<WheelStatus> {
  const seed = await currentSeed(em, playerId, now);
  const next = await nextSpinAt(em, playerId, s.wheelCooldownS);
  const active = await em.find(
    WheelSpinSchema,
    { playerId, buffEndsAt: { $gt: now }, buffReplacedAt: null },
    { orderBy: { id: 'asc' }, refresh: true },
  );
  return {
    cost: { ...WHEEL_COST },
    cooldownSeconds: s.wheelCooldownS,
    buffSeconds: s.wheelBuffS,
    nextSpinAt: next?.toISOString() ?? null,
    odds: WHEEL_ODDS.map((o) => ({ outcome: o.outcome, multiplier: o.multiplier, probability: o.probability })),
    activeBuffs: active.flatMap((spin) => {
      const b = buffView(spin);
      return b ? [{ ...b, spinId: spin.id }] : [];
    }),
    commitment: seed.commitment,
    nonce: seed.nonce,
  };
}

/** One history row. The server seed appears only once the player has rotated it (revealed it). */
export function historyEntry(spin: WheelSpin, seed: WheelSeed | undefined): WheelHistoryEntry {
  const buff = buffView(spin);
  return {
    id: spin.id,
    spunAt: spin.spunAt.toISOString(),
    planetId: spin.planetId,
    cost: costOfSpin(spin),
    clientSeed: spin.clientSeed,
    nonce: spin.nonce,
    outcome: spin.outcome,
    multiplier: spin.multiplier,
    buff: buff ? { ...buff, replacedAt: spin.buffReplacedAt?.toISOString() ?? null } : null,
    commitment: seed?.commitment ?? null,
    serverSeed: seed?.revealedAt ? seed.serverSeed : null,
    seedRevealedAt: seed?.revealedAt?.toISOString() ?? null,
  };
}

/** `GET /api/v1/wheel/history`: newest first, `limit` rows older than spin id `before`. */
export async function wheelHistory(em: EntityManager, playerId: number, page: { limit: number; before?: number | undefined }): Promise<WheelHistory> {
  const where = page.before === undefined ? { playerId } : { playerId, id: { $lt: page.before } };
  const spins = await em.find(WheelSpinSchema, where, { orderBy: { id: 'desc' }, limit: page.limit + 1, refresh: true });
  const rows = spins.slice(0, page.limit);
  const seedIds = [...new Set(rows.map((r) => r.seedId))];
  const seeds = seedIds.length ? await em.find(WheelSeedSchema, { id: { $in: seedIds }, playerId }, { refresh: true }) : [];
  const byId = new Map(seeds.map((x) => [x.id, x]));
  const last = rows[rows.length - 1];
  return {
    spins: rows.map((r) => historyEntry(r, byId.get(r.seedId))),
    nextBefore: spins.length > page.limit && last ? last.id : null,
  };
}
