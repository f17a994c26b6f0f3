import {
  ErrorCode, commandEnvelopeSchema, commandPayloadSchemas, isCommandType,
  type CommandEnvelope, type CommandOutcome, type ErrorBody,
} from '@starhold/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, RuleError, parseWith, validationError } from '../http/errors.js';
import type { Services } from '../services.js';
import { StreamBatch } from '../modules/stream/stream.js';
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
 * final and advances the cursor too). Transient failures throw and leave the cursor alone.
 */
export async function runCommand(s: Services, registry: CommandRegistry, playerId: number, envelope: CommandEnvelope): Promise<CommandOutcome> {
  const started = performance.now();
  const em = s.orm.em.fork();
  const stream = new StreamBatch();
  const outcome = await em.transactional(async (tx) => {
    const now = s.clock.now();
    await tx.execute(
      `insert into client_cursor (client_id, player_id, last_seq, updated_at) values (?, ?, 0, ?)
       on conflict (player_id, client_id) do nothing`,
      [envelope.clientId, playerId, now],
    );
    const cur = await tx.execute<{ last_seq: string | number }[]>(
      'select last_seq from client_cursor where player_id = ? and client_id = ? for update',
      [playerId, envelope.clientId],
    );
    const lastSeq = Number(cur[0]?.last_seq ?? 0);
    if (envelope.seq <= lastSeq) return duplicateOf(tx, playerId, envelope);
    if (envelope.seq > lastSeq + 1) return { status: 'gap', expected: lastSeq + 1 } satisfies CommandOutcome;

    const result = await applyOne(tx, s, registry, playerId, envelope, now, stream);
    const stored: CommandOutcome = 'error' in result ? { status: 'rejected', error: result.error } : { status: 'applied', result: result.result };
    await tx.execute('update client_cursor set last_seq = ?, updated_at = ? where player_id = ? and client_id = ?', [
      envelope.seq, now, playerId, envelope.clientId,
    ]);
    await tx.execute(
      `insert into command_log (player_id, client_id, seq, type, status, outcome, created_at) values (?, ?, ?, ?, ?, ?::jsonb, ?)`,
      [playerId, envelope.clientId, envelope.seq, envelope.type, stored.status, JSON.stringify(stored), now],
    );
    if (stored.status === 'rejected') stream.events.length = 0; // effects were rolled back with the savepoint
    return stored;
  });
  s.metrics?.commandFinished(envelope.type, outcome.status, performance.now() - started);
  s.stream.publish(stream.events);
  return outcome;
}

async function applyOne(
  tx: EntityManager, s: Services, registry: CommandRegistry, playerId: number, envelope: CommandEnvelope, now: Date, stream: StreamBatch,
): Promise<{ result: unknown } | { error: ErrorBody }> {
  if (!isCommandType(envelope.type)) {
    return rejection(new RuleError(ErrorCode.UNKNOWN_COMMAND, `Unknown command type "${envelope.type}"`));
  }
  const handler = registry.get(envelope.type);
  if (!handler) return rejection(new RuleError(ErrorCode.UNKNOWN_COMMAND, `Command "${envelope.type}" is not available`));
  const parsed = commandPayloadSchemas[envelope.type].safeParse(envelope.payload);
  if (!parsed.success) return rejection(validationError(parsed.error));
  try {
    // A savepoint: a rule rejection undoes the handler's writes but keeps the cursor update.
    const result = await tx.transactional((inner) => handler({ em: inner, playerId, now, services: s, stream }, parsed.data as never));
    return { result: result ?? null };
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return rejection(e);
    throw e;
  }
}

async function duplicateOf(tx: EntityManager, playerId: number, envelope: CommandEnvelope): Promise<CommandOutcome> {
  const rows = await tx.execute<{ outcome: CommandOutcome }[]>(
    'select outcome from command_log where player_id = ? and client_id = ? and seq = ?',
    [playerId, envelope.clientId, envelope.seq],
  );
  const original = rows[0]?.outcome;
  if (original?.status === 'rejected') return { status: 'duplicate', original: 'rejected', error: original.error };
  if (original?.status === 'applied') return { status: 'duplicate', original: 'applied', result: original.result };
  // The log entry was pruned: the command is known to be done but its answer is gone.
  return { status: 'duplicate', original: 'applied', result: null };
}

/** HTTP status for a command outcome on REST. */
export function httpStatusOf(outcome: CommandOutcome): number {
  switch (outcome.status) {
    case 'applied':
    case 'duplicate':
      return 200;
    case 'gap':
      return 409;
    case 'rejected':
      return outcome.error.code === ErrorCode.NOT_FOUND ? 404 : outcome.error.code === ErrorCode.VALIDATION_FAILED ? 400 : 422;
  }
}
