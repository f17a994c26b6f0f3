// Pure transitions of the durable outbox snapshot. Every function returns a new snapshot; the
// caller persists it before acting on it ("written to the outbox before anything else").
import type { OutboxCommand, OutboxSnapshot } from '../../shared/outbox-types.js';

export function emptySnapshot(clientId: string): OutboxSnapshot {
  return { version: 1, clientId, nextSeq: 1, lastEventSeq: 0, commands: [] };
}

/** Appends a command with the next seq. */
export function enqueue(s: OutboxSnapshot, type: string, payload: unknown, queuedAt: number): { snapshot: OutboxSnapshot; command: OutboxCommand } {
  const command: OutboxCommand = { clientId: s.clientId, seq: s.nextSeq, type, payload, queuedAt };
  return { snapshot: { ...s, nextSeq: s.nextSeq + 1, commands: [...s.commands, command] }, command };
}

/** Drops every command the server has already processed (`seq <= cursor`, from `hello.clientCursor`). */
export function ackThrough(s: OutboxSnapshot, cursor: number): { snapshot: OutboxSnapshot; dropped: OutboxCommand[] } {
  const dropped = s.commands.filter((c) => c.seq <= cursor);
  if (dropped.length === 0 && s.nextSeq > cursor) return { snapshot: s, dropped };
  return {
    snapshot: { ...s, commands: s.commands.filter((c) => c.seq > cursor), nextSeq: Math.max(s.nextSeq, cursor + 1) },
    dropped,
  };
}

/** Removes one answered command. */
export function removeSeq(s: OutboxSnapshot, seq: number): OutboxSnapshot {
  return { ...s, commands: s.commands.filter((c) => c.seq !== seq) };
}

/**
 * The server answered `gap` (it expects `expected`, lower than our oldest pending seq): the
 * commands in between never reached it and are not in the outbox any more, so the pending ones
 * are renumbered from `expected`, keeping their order. Never renumbers downwards into seqs the
 * server has applied, since `expected` is the server's last applied seq + 1.
 */
export function renumberFrom(s: OutboxSnapshot, expected: number): OutboxSnapshot {
  const commands = s.commands.map((c, i) => ({ ...c, seq: expected + i }));
  return { ...s, commands, nextSeq: expected + commands.length };
}

/** Records the newest applied stream seq (never goes backwards). */
export function withLastEventSeq(s: OutboxSnapshot, seq: number): OutboxSnapshot {
  return seq > s.lastEventSeq ? { ...s, lastEventSeq: seq } : s;
}

/** A random client id in the server's alphabet ([A-Za-z0-9_-], 8..64). */
export function newClientId(random: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  return Array.from(random(22), (b) => alphabet[b & 63]).join('');
}
