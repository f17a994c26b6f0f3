import { ErrorCode, WHEEL_COST, WHEEL_MULTIPLIER, type CommandPayload } from '@starhold/common';
import type { CommandContext } from '../../commands/registry.js';
import { RuleError } from '../../core/errors.js';
import { amountsOf, canAfford, spend } from '../planets/economy.js';
import { lockOwnPlanet } from '../planets/locking.js';
import { startBuff } from './buffs.js';
import { currentSeed, drawOutcome, lockWheelOf } from './seeds.js';
import { buffView, nextSpinAt, type SpinResult } from './view.js';
import { WheelSpinSchema } from './wheel.entity.js';

/**
 * `wheel.spin`: pays the spin from the planet, draws the outcome from the player's server seed,
 * the client seed and the seed's nonce, and on a win starts a production buff on that planet.
 * Checks, in order: the planet is the player's (NOT_FOUND), the cooldown (WHEEL_COOLDOWN), the
 * price (INSUFFICIENT_RESOURCES). Runs in the command pipeline, so a replay answers the stored result.
 */
export async function spinWheel(ctx: CommandContext, p: CommandPayload<'wheel.spin'>): Promise<SpinResult> {
  const { em, now, settings: s } = ctx;
  const planet = await lockOwnPlanet(em, s, ctx.playerId, p.planetId, now);
  await lockWheelOf(em, ctx.playerId);
  const allowedAt = await nextSpinAt(em, ctx.playerId, s.wheelCooldownS);
  if (allowedAt && now < allowedAt) {
    throw new RuleError(ErrorCode.WHEEL_COOLDOWN, `The wheel can be spun again at ${allowedAt.toISOString()}`, {
      nextSpinAt: allowedAt.toISOString(),
    });
  }
  if (!canAfford(planet, WHEEL_COST)) {
    throw new RuleError(ErrorCode.INSUFFICIENT_RESOURCES, `A spin costs ${WHEEL_COST.metal}/${WHEEL_COST.crystal}/${WHEEL_COST.deuterium}`, {
      cost: { ...WHEEL_COST },
      available: amountsOf(planet),
    });
  }
  spend(planet, WHEEL_COST);

  const seed = await currentSeed(em, ctx.playerId, now);
  const nonce = seed.nonce;
  const outcome = drawOutcome(seed.serverSeed, p.clientSeed, nonce);
  const multiplier = WHEEL_MULTIPLIER[outcome];
  const win = multiplier !== 1;
  seed.nonce = nonce + 1;
  const spin = em.create(WheelSpinSchema, {
    playerId: ctx.playerId,
    planetId: planet.id,
    seedId: seed.id,
    clientSeed: p.clientSeed,
    nonce,
    outcome,
    multiplier,
    costMetal: WHEEL_COST.metal,
    costCrystal: WHEEL_COST.crystal,
    costDeuterium: WHEEL_COST.deuterium,
    buffStartsAt: win ? now : null,
    buffEndsAt: win ? new Date(now.getTime() + s.wheelBuffS * 1000) : null,
    buffReplacedAt: null,
    spunAt: now,
  });
  await em.flush();
  if (win) await startBuff(em, planet, spin, now);

  const result: SpinResult = {
    spinId: spin.id,
    planetId: planet.id,
    outcome,
    multiplier,
    buff: buffView(spin),
    nonce,
    commitment: seed.commitment,
    nextSpinAt: new Date(now.getTime() + s.wheelCooldownS * 1000).toISOString(),
    resources: amountsOf(planet),
  };
  await ctx.stream.append(em, ctx.playerId, 'wheel.spun', result, now);
  return result;
}
