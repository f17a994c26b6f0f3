import type { z } from 'zod';
import {
  commandResultSchemas,
  playerStateSchema,
  scheduledEventSchemas,
  streamEventSchemas,
  type CommandType,
  type EventKind,
  type EventPayload,
  type StreamEventData,
  type StreamEventType,
} from '@starhold/common';

// The wire contracts (common/src/protocol: stream events, scheduled events, command results) as
// the server writes them. Kinds and types named `test.*` are the tests' own (handlers registered
// by a test); they carry any JSON object and are not checked.

export type TestKind = `test.${string}`;
export type AnyStreamType = StreamEventType | TestKind;
export type AnyEventKind = EventKind | TestKind;
export type StreamDataOf<T extends AnyStreamType> = T extends StreamEventType ? StreamEventData<T> : Record<string, unknown>;
export type EventPayloadOf<K extends AnyEventKind> = K extends EventKind ? EventPayload<K> : Record<string, unknown>;

/**
 * Whether outgoing payloads are parsed against their contract before they are written: on under
 * Jest (`NODE_ENV=test`) or with `STARHOLD_CHECK_CONTRACTS=1`, off in production, where the
 * compiler's check of every call site is the guarantee and the parse would be pure cost
 * (decisions.md §37).
 */
export const CHECK_CONTRACTS = process.env.NODE_ENV === 'test' || process.env.STARHOLD_CHECK_CONTRACTS === '1';

/** A payload that does not match its contract: a server bug, never a client's mistake. */
export class ContractViolation extends Error {
  constructor(what: string, error: z.ZodError) {
    super(`${what} does not match its contract: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ContractViolation';
  }
}

function check(schema: z.ZodType | undefined, value: unknown, what: string): void {
  if (!schema) throw new Error(`${what} has no contract`);
  const r = schema.safeParse(value);
  if (!r.success) throw new ContractViolation(what, r.error);
}

const isTest = (name: string): boolean => name.startsWith('test.');
const has = (map: object, key: string): boolean => Object.prototype.hasOwnProperty.call(map, key);

/** Throws ContractViolation when `data` is not a valid payload of stream event `type` (when checks are on). */
export function checkStreamEvent(type: string, data: unknown): void {
  if (!CHECK_CONTRACTS || isTest(type)) return;
  check(has(streamEventSchemas, type) ? streamEventSchemas[type as StreamEventType] : undefined, data, `stream event "${type}"`);
}

/** Throws ContractViolation when `payload` is not a valid payload of scheduled event `kind` (when checks are on). */
export function checkEventPayload(kind: string, payload: unknown): void {
  if (!CHECK_CONTRACTS || isTest(kind)) return;
  check(has(scheduledEventSchemas, kind) ? scheduledEventSchemas[kind as EventKind] : undefined, payload, `scheduled event "${kind}"`);
}

/** Throws ContractViolation when `result` is not what command `type` answers (when checks are on). */
export function checkCommandResult(type: CommandType, result: unknown): void {
  if (!CHECK_CONTRACTS) return;
  check(commandResultSchemas[type], result, `result of command "${type}"`);
}

/** Throws ContractViolation when a snapshot's state is not a `PlayerStateSnapshot` (when checks are on). */
export function checkSnapshotState(state: unknown): void {
  if (!CHECK_CONTRACTS) return;
  check(playerStateSchema, state, 'snapshot state');
}
