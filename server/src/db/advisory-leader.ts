import pg from 'pg';
import { TRY_SESSION_LOCK_SQL } from './locks.js';

/**
 * Leadership for work that one node of several runs (the tick, scheduled backups): a session-level
 * advisory lock on a dedicated connection. If the leader dies, or its database connection drops
 * (a restarted embedded PostgreSQL), the lock is released and the next `tryAcquire` (of this node,
 * on a new connection, or of another node) takes it.
 */
export class AdvisoryLeader {
  private client: pg.Client | undefined;
  private leader = false;
  constructor(
    private readonly dbUrl: string,
    private readonly lockKey: number,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.leader) return true;
    if (!this.client) {
      const c = new pg.Client({ connectionString: this.dbUrl });
      c.on('error', () => {
        this.leader = false;
        this.client = undefined;
      });
      await c.connect();
      this.client = c;
    }
    const r = await this.client.query<{ ok: boolean }>(TRY_SESSION_LOCK_SQL, [this.lockKey]);
    this.leader = r.rows[0]?.ok === true;
    return this.leader;
  }

  async release(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.leader = false;
    if (c) await c.end().catch(() => undefined);
  }
}
