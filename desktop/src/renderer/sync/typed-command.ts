import { commandPayloadSchemas, isCommandType, type CommandPayload, type CommandType } from '@starhold/common';
import type { OutboxCommand } from '../../shared/outbox-types.js';

/** A queued command with its payload typed by its type (the payload schemas of `common`). */
export type TypedCommand = { [T in CommandType]: { type: T; payload: CommandPayload<T> } }[CommandType];

/**
 * The command parsed with its type's payload schema, exactly as the server will parse it; null for
 * an unknown type or a payload the server would refuse as VALIDATION_FAILED (the outbox is storage,
 * so its contents are checked, not trusted).
 */
export function typedCommand(cmd: Pick<OutboxCommand, 'type' | 'payload'>): TypedCommand | null {
  if (!isCommandType(cmd.type)) return null;
  const parsed = commandPayloadSchemas[cmd.type].safeParse(cmd.payload);
  // TypeScript cannot relate the parsed payload to `cmd.type` across the union; the schema of that type parsed it.
  return parsed.success ? ({ type: cmd.type, payload: parsed.data } as TypedCommand) : null;
}
