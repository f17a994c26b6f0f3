import { describe, expect, it } from '@jest/globals';
import { PlayerGate } from '../../src/commands/player-gate.js';

/** A task that runs until released, recording when it started. */
function task(log: string[], name: string): { run: () => Promise<string>; release: () => void } {
  let release!: () => void;
  const done = new Promise<void>((r) => {
    release = r;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    release,
  };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('PlayerGate (one player’s commands take turns; other players do not wait)', () => {
  it('runs at most `limit` tasks of one player at once, the rest in arrival order, others at once', async () => {
    const gate = new PlayerGate(1);
    const log: string[] = [];
    const [a1, a2, a3, b1] = ['a1', 'a2', 'a3', 'b1'].map((n) => task(log, n));
    const results = [gate.run(1, a1!.run), gate.run(1, a2!.run), gate.run(1, a3!.run), gate.run(2, b1!.run)];
    await tick();
    expect(log).toEqual(['start a1', 'start b1']);
    expect(gate.pending(1)).toBe(3);
    a1!.release();
    await tick();
    expect(log).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    a3!.release(); // released early, but still waits for a2
    await tick();
    expect(log).not.toContain('start a3');
    a2!.release();
    b1!.release();
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(log.indexOf('start a3')).toBeGreaterThan(log.indexOf('end a2'));
    expect([gate.pending(1), gate.pending(2)]).toEqual([0, 0]);
  });

  it('allows `limit` at once and passes the turn on when a task throws', async () => {
    const gate = new PlayerGate(2);
    const log: string[] = [];
    const [x, y] = ['x', 'y'].map((n) => task(log, n));
    let fail!: (e: Error) => void;
    const failing = gate.run(
      7,
      () =>
        new Promise((_, reject) => {
          fail = reject;
        }),
    );
    const rest = [gate.run(7, x!.run), gate.run(7, y!.run)];
    await tick();
    expect(log).toEqual(['start x']);
    fail(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    await tick();
    expect(log).toEqual(['start x', 'start y']);
    x!.release();
    y!.release();
    await Promise.all(rest);
    expect(gate.pending(7)).toBe(0);
  });

  it('refuses a limit below 1', () => {
    expect(() => new PlayerGate(0)).toThrow(/positive integer/);
  });
});
