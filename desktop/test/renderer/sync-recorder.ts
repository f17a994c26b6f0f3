import type { CommandOutcome, HelloMessage, StreamEventMessage } from '@starhold/common';
import type { OutboxCommand } from '../../src/shared/outbox-types.js';
import type { SyncSink } from '../../src/renderer/net/sync-client.js';

/** A SyncSink that records what it is told; `until` resolves once a condition holds. */
export class Recorder implements SyncSink {
  outboxes: OutboxCommand[][] = [];
  hellos: HelloMessage[] = [];
  events: StreamEventMessage[] = [];
  answers: { command: OutboxCommand; outcome: CommandOutcome }[] = [];
  states: string[] = [];
  snapshots = 0;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private changed(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }
  /** Resolves once `check` holds; rejects after `timeoutMs` with what was recorded (so a stall says where it stopped). */
  until(check: () => boolean, timeoutMs = 25_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.check !== check);
        reject(new Error(`condition not met within ${timeoutMs} ms; ${this.describe()}`));
      }, timeoutMs);
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
  describe(): string {
    return (
      `states ${this.states.join('>')}; hellos ${this.hellos.length}; snapshots ${this.snapshots}; events ${this.events.map((e) => e.seq).join(',')}; ` +
      `answers ${this.answers.map((a) => `${a.command.seq}:${a.outcome.status}`).join(',')}; pending ${this.pending.map((c) => c.seq).join(',')}`
    );
  }
  get pending(): OutboxCommand[] {
    return this.outboxes[this.outboxes.length - 1] ?? [];
  }

  outbox(c: OutboxCommand[]) {
    this.outboxes.push(c);
    this.changed();
  }
  connection(p: { state?: string }) {
    if (p.state) this.states.push(p.state);
    this.changed();
  }
  hello(h: HelloMessage) {
    this.hellos.push(h);
    this.changed();
  }
  snapshot() {
    this.snapshots += 1;
    this.changed();
  }
  event(e: StreamEventMessage) {
    this.events.push(e);
    this.changed();
  }
  synced() {
    this.changed();
  }
  presence() {
    this.changed();
  }
  answered(command: OutboxCommand, outcome: CommandOutcome) {
    this.answers.push({ command, outcome });
    this.changed();
  }
  authProblem() {
    this.changed();
  }
}
