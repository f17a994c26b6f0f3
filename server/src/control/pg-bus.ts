import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { CONTROL_CHANNEL, parseControlMessage, type ControlBus, type ControlMessage } from './bus.js';

/** Wait before reconnecting the LISTEN connection: 0.5 s doubling to 10 s. */
const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000] as const;

/**
 * Sends a control message with the caller's transaction: PostgreSQL delivers it to the listeners
 * only if and when the transaction commits (NOTIFY), so a ban is announced exactly when it holds.
 */
export async function notifyControl(em: EntityManager, m: ControlMessage): Promise<void> {
  await em.execute('select pg_notify(?, ?)', [CONTROL_CHANNEL, JSON.stringify(m)]);
}

/**
 * ControlBus over LISTEN on one dedicated `pg` connection (outside the ORM pool). A lost
 * connection (database restart) is re-opened with backoff; after each (re)connect the subscribers
 * get `onResync`, since notifications sent meanwhile are lost.
 */
export class PgControlBus implements ControlBus {
  private client: pg.Client | undefined;
  private stopped = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private readonly subscribers = new Set<{ onMessage: (m: ControlMessage) => void; onResync: () => void }>();

  constructor(
    private readonly dbUrl: string,
    private readonly logger: Logger,
  ) {}

  subscribe(onMessage: (m: ControlMessage) => void, onResync: () => void): () => void {
    const sub = { onMessage, onResync };
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  start(): void {
    this.stopped = false;
    this.connecting = this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.connecting;
    const c = this.client;
    this.client = undefined;
    if (c) await c.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const c = new pg.Client({ connectionString: this.dbUrl, connectionTimeoutMillis: 5_000, application_name: 'starhold-control' });
    c.on('error', (e) => this.lost(c, e)); // the server went away; 'end' follows
    c.on('end', () => this.lost(c));
    c.on('notification', (n) => {
      if (n.channel !== CONTROL_CHANNEL) return;
      const m = parseControlMessage(n.payload);
      if (m) for (const s of this.subscribers) s.onMessage(m);
    });
    try {
      await c.connect();
      await c.query(`listen ${CONTROL_CHANNEL}`);
    } catch (e) {
      await c.end().catch(() => undefined);
      if (!this.stopped) this.retryLater(e);
      return;
    }
    if (this.stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    this.client = c;
    if (this.failures > 0) this.logger.info('control bus: listening again');
    this.failures = 0;
    for (const s of this.subscribers) s.onResync();
  }

  private lost(c: pg.Client, e?: unknown): void {
    if (this.client !== c) return; // already handled, or never became the live client
    this.client = undefined;
    void c.end().catch(() => undefined);
    if (!this.stopped) this.retryLater(e);
  }

  private retryLater(e: unknown): void {
    const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures++;
    this.logger.warn(
      { err: e, retryInMs: wait },
      'control bus: LISTEN connection lost or refused; bans fall back to the session sweep until it is back',
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped) this.connecting = this.connect();
    }, wait);
    this.timer.unref();
  }
}
