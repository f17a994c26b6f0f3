// The REST counterpart of ChaosClient: an outbox of numbered commands sent one at a time to
// POST /api/v1/commands, each composed once; a 503 (database down) is retried after a pause with
// the same seq, every other answer is final.
import type { CommandEnvelope, CommandOutcome } from '@starhold/common';
import type { Api } from '../../harness.js';

export interface RestOutboxOptions {
  api: Api;
  token: string;
  clientId: string;
  total: number;
  compose(seq: number, answers: ReadonlyMap<number, CommandOutcome>): Pick<CommandEnvelope, 'type' | 'payload'>;
  retryMs?: number;
}

export class RestOutbox {
  readonly answers = new Map<number, CommandOutcome>();
  readonly outbox: CommandEnvelope[] = [];
  /** Requests sent, retries included. */
  sent = 0;
  /** Answers by HTTP status. */
  readonly statuses = new Map<number, number>();
  cursor = 0;
  private paused: Promise<void> | undefined;
  private unpause: (() => void) | undefined;
  private busy: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly o: RestOutboxOptions) {}

  get clientId(): string {
    return this.o.clientId;
  }

  /** Sends the whole outbox; resolves when every command has a final answer. Throws on anything but those and 503. */
  async run(): Promise<void> {
    while (this.cursor < this.o.total && !this.closed) {
      if (this.paused) await this.paused;
      if (this.closed) return;
      let finish = () => undefined as void;
      this.busy = new Promise((resolve) => {
        finish = resolve;
      });
      try {
        await this.step();
      } catch (e) {
        if (!this.closed) throw e; // a request cut off by close() is not a failure
      } finally {
        finish();
      }
    }
  }

  /** Stops after the request in flight; resolves once it is answered. */
  pause(): Promise<void> {
    this.paused ??= new Promise((resolve) => {
      this.unpause = resolve;
    });
    return this.busy;
  }

  resume(): void {
    this.paused = undefined;
    this.unpause?.();
  }

  /** Stops for good (the test is over). */
  close(): void {
    this.closed = true;
    this.resume();
  }

  private async step(): Promise<void> {
    const seq = this.cursor + 1;
    if (this.outbox.length < seq) this.outbox.push({ clientId: this.o.clientId, seq, ...this.o.compose(seq, this.answers) });
    this.sent++;
    const r = await this.o.api.post('/api/v1/commands', this.outbox[seq - 1], this.o.token);
    this.statuses.set(r.status, (this.statuses.get(r.status) ?? 0) + 1);
    const outcome = r.body as CommandOutcome | { error: { code: string } };
    if (r.status === 503 && 'error' in outcome && outcome.error.code === 'SERVICE_UNAVAILABLE') {
      await new Promise((resolve) => setTimeout(resolve, this.o.retryMs ?? 25)); // a client's retry back-off, not a wait for a condition
      return;
    }
    if (!('status' in outcome) || outcome.status === 'gap') throw new Error(`seq ${seq}: unexpected answer ${r.status} ${JSON.stringify(r.body)}`);
    this.answers.set(seq, outcome);
    this.cursor = seq;
  }
}
