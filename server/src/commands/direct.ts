import { ErrorCode, commandPayloadSchemas, unstorableTextAt, type CommandOutcome, type CommandType } from '@starhold/common';
import { AppError, validationError } from '../core/errors.js';
import type { CoreServices as Services } from '../core/services.js';
import { lockIdempotencyKey } from '../db/locks.js';
import { transactionWithRetry } from '../db/retry.js';
import { assertNotBanned } from './ban-check.js';
import { playerGate } from './player-gate.js';
import { StreamBatch } from '../modules/stream/stream.js';
import { applyHandler } from './apply.js';
import type { CommandRegistry } from './registry.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Runs a command for a convenience REST route (no client cursor). With an Idempotency-Key, the
 * first outcome (applied or rejected) is stored with the effects and replayed for the same key.
 * Returns the outcome; the route maps it to HTTP.
 */
export async function runDirect(
  s: Services,
  registry: CommandRegistry,
  playerId: number,
  type: CommandType,
  payload: unknown,
  idempotencyKey?: string,
): Promise<{ outcome: CommandOutcome; replayed: boolean }> {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key must be 1-128 characters of [A-Za-z0-9_.:-]');
  }
  // Every convenience route is a command: same per-player budget as POST /api/v1/commands and the socket.
  await s.commandLimits.hit(String(playerId));
  // Outcomes may be stored (jsonb) and echo the payload's text: refuse what PostgreSQL cannot store.
  const badText = unstorableTextAt(payload);
  if (badText !== undefined) throw new AppError(ErrorCode.VALIDATION_FAILED, `text at ${badText} contains U+0000 or an unpaired surrogate`);
  const parsed = commandPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) throw validationError(parsed.error);
  const handler = registry.get(type);
  if (!handler) throw new AppError(ErrorCode.UNKNOWN_COMMAND, `Command "${type}" is not available`);
  // What the key stands for: the command type and its validated payload.
  const request = JSON.stringify([type, parsed.data]);
  const started = performance.now();
  let stream = new StreamBatch();
  // Its turn among the player's commands in this process (player-gate.ts), like runCommand.
  const res = await playerGate(s).run(playerId, () =>
    transactionWithRetry(s, async (tx) => {
      stream = new StreamBatch(); // a retried attempt starts from nothing
      const now = s.clock.now();
      if (idempotencyKey !== undefined) await lockIdempotencyKey(tx, idempotencyKey, playerId);
      await assertNotBanned(tx, playerId);
      if (idempotencyKey !== undefined) {
        const rows = await tx.execute<{ outcome: CommandOutcome; request: string }[]>(
          'select outcome, request from idempotency_key where player_id = ? and key = ?',
          [playerId, idempotencyKey],
        );
        const first = rows[0];
        if (first && first.request !== '' && first.request !== request) {
          throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request');
        }
        if (first) return { outcome: first.outcome, replayed: true };
      }
      const result = await applyHandler(tx, handler, { playerId, now, settings: s.settings, stream }, parsed.data);
      const outcome: CommandOutcome = 'error' in result ? { status: 'rejected', error: result.error } : { status: 'applied', result: result.result };
      if (idempotencyKey !== undefined) {
        await tx.execute('insert into idempotency_key (player_id, key, outcome, request, created_at) values (?, ?, ?::jsonb, ?, ?)', [
          playerId,
          idempotencyKey,
          JSON.stringify(outcome),
          request,
          now,
        ]);
      }
      return { outcome, replayed: false };
    }),
  );
  if (!res.replayed) {
    s.metrics?.commandFinished(type, res.outcome.status, performance.now() - started);
    s.stream.publish(stream.events);
  }
  return res;
}
