import {
  ErrorCode,
  commandEnvelopeSchema,
  errorStatus,
  commandPayloadSchemas,
  isCommandType,
  type CommandEnvelope,
  type CommandOutcome,
  type ErrorBody,
} from '@starhold/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, RuleError, parseWith, validationError } from '../core/errors.js';
import type { CoreServices as Services } from '../core/services.js';
import { transactionWithRetry } from '../db/retry.js';
import { StreamBatch } from '../modules/stream/stream.js';
import { applyHandler } from './apply.js';
import { claimSeq, logOutcome, unclaimedOutcome } from './cursor.js';
import { playerGate } from './player-gate.js';
import type { CommandRegistry } from './registry.js';

export interface CommandRunResult {
  outcome: CommandOutcome;
  envelope: CommandEnvelope;
}

/** Parses an envelope; a malformed envelope is a 400 (no cursor can be identified). */
export function parseEnvelope(input: unknown): CommandEnvelope {
  return parseWith(commandEnvelopeSchema, input);
}

function rejection(err: AppError): { error: ErrorBody } {
  return { error: err.toBody() };
}

/**
 * Runs one command exactly once per (player, clientId, seq), in one transaction with its effects:
 * seq <= last → duplicate (stored outcome); seq > last + 1 → gap; else apply (a rule rejection is
 * final and advances the cursor too). Transient failures throw and leave the cursor alone; a
 * deadlock or serialization failure runs the whole transaction again (db/retry.ts), claim included.
 * A banned player gets 403 BANNED and nothing is written: the cursor does not move.
 * It waits first for its turn among the player's commands in this process (player-gate.ts).
 * On the applied path the pipeline itself adds two statements: the cursor claim (lock and advance,
 * undone by a rollback) and the command log row.
 */
export function runCommand(s: Services, registry: CommandRegistry, playerId: number, envelope: CommandEnvelope): Promise<CommandOutcome> {
  return playerGate(s).run(playerId, () => runNow(s, registry, playerId, envelope));
}

async function runNow(s: Services, registry: CommandRegistry, playerId: number, envelope: CommandEnvelope): Promise<CommandOutcome> {
  const started = performance.now();
  let stream = new StreamBatch();
  const outcome = await transactionWithRetry(s, async (tx) => {
    stream = new StreamBatch(); // a retried attempt starts from nothing
    const now = s.clock.now();
    const claim = await claimSeq(tx, playerId, envelope.clientId, envelope.seq, now);
    if ('banned' in claim) throw new AppError(ErrorCode.BANNED, 'This account is banned');
    if (!claim.claimed) return unclaimedOutcome(claim, envelope.seq);
    const result = await applyOne(tx, s, registry, playerId, envelope, now, stream);
    const stored: CommandOutcome = 'error' in result ? { status: 'rejected', error: result.error } : { status: 'applied', result: result.result };
    await logOutcome(tx, playerId, envelope, stored, now);
    return stored;
  });
  s.metrics?.commandFinished(envelope.type, outcome.status, performance.now() - started);
  s.stream.publish(stream.events);
  return outcome;
}

async function applyOne(
  tx: EntityManager,
  s: Services,
  registry: CommandRegistry,
  playerId: number,
  envelope: CommandEnvelope,
  now: Date,
  stream: StreamBatch,
): Promise<{ result: unknown } | { error: ErrorBody }> {
  if (!isCommandType(envelope.type)) {
    return rejection(new RuleError(ErrorCode.UNKNOWN_COMMAND, `Unknown command type "${envelope.type}"`));
  }
  const handler = registry.get(envelope.type);
  if (!handler) return rejection(new RuleError(ErrorCode.UNKNOWN_COMMAND, `Command "${envelope.type}" is not available`));
  const parsed = commandPayloadSchemas[envelope.type].safeParse(envelope.payload);
  if (!parsed.success) return rejection(validationError(parsed.error));
  return applyHandler(tx, handler, { playerId, now, settings: s.settings, stream }, parsed.data);
}

/** HTTP status for a command outcome on REST: a rejection answers its code's status (ERROR_TABLE). */
export function httpStatusOf(outcome: CommandOutcome): number {
  switch (outcome.status) {
    case 'applied':
    case 'duplicate':
      return 200;
    case 'gap':
      return 409;
    case 'rejected':
      return errorStatus(outcome.error.code);
  }
}
