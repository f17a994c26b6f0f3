import type { CoreServices as Services } from '../core/services.js';

/**
 * Per-player fairness for commands: at most `limit` commands of one player run at a time in this
 * process; the player's other commands wait here, in arrival order, before they take a database
 * connection. One player's burst from many clients therefore holds at most `limit` of the pool's
 * connections and of the event loop's work in flight, and other players' commands and reads keep
 * their share (decisions.md, "one command per player at a time"). Waiting changes no semantics:
 * each command still runs its own transaction exactly as before, and the row locks (db/locks.ts)
 * stay what makes concurrent commands safe: another server process has its own gate.
 */
export class PlayerGate {
  private readonly slots = new Map<number, { running: number; waiting: Array<() => void> }>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`PlayerGate limit must be a positive integer, got ${limit}`);
  }

  async run<T>(playerId: number, fn: () => Promise<T>): Promise<T> {
    let slot = this.slots.get(playerId);
    if (!slot) {
      slot = { running: 0, waiting: [] };
      this.slots.set(playerId, slot);
    }
    if (slot.running < this.limit) slot.running++;
    else await new Promise<void>((resolve) => slot.waiting.push(resolve)); // the finishing command hands its place over
    try {
      return await fn();
    } finally {
      const next = slot.waiting.shift();
      if (next) next();
      else if (--slot.running === 0) this.slots.delete(playerId);
    }
  }

  /** Commands of `playerId` running or waiting (for tests and metrics). */
  pending(playerId: number): number {
    const slot = this.slots.get(playerId);
    return slot ? slot.running + slot.waiting.length : 0;
  }
}

const gates = new WeakMap<Services, PlayerGate>();

/** The gate of a server (one per Services), sized by STARHOLD_COMMANDS_PER_PLAYER (default 1). */
export function playerGate(s: Services): PlayerGate {
  let gate = gates.get(s);
  if (!gate) gates.set(s, (gate = new PlayerGate(s.config.commandsPerPlayer)));
  return gate;
}
