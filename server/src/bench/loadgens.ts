import { IpcPeer, fdLimitOf, spawnNode, stopChild } from './proc.js';
import { split } from './stats.js';
import type { ClientSpec, Protocol } from './children/conn.js';
import type { DriveResult } from './children/drive.js';
import type { StormResult } from './children/storm.js';

const SCRIPT = new URL('./children/loadgen.js', import.meta.url);

export interface ConnectSummary {
  ok: number;
  failed: number;
  /** Not attempted: the deadline had passed. */
  skipped: number;
  errors: Record<string, number>;
  ms: number;
}

/** Loopback source address of load generator `i`: 127.0.0.2, 127.0.0.3, … (each has its own ephemeral-port range). */
export const sourceAddress = (i: number): string => `127.0.0.${2 + (i % 250)}`;

/**
 * A group of load-generator processes. Clients are split evenly over them; each process binds
 * its sockets to its own loopback source address, so the 4-tuple limit of one address
 * (≈ 28 000 ephemeral ports towards one server port) does not cap the run.
 */
export class LoadGens {
  private constructor(private readonly peers: IpcPeer[]) {}

  static start(count: number, label: string): LoadGens {
    const peers: IpcPeer[] = [];
    for (let i = 0; i < count; i++) {
      const child = spawnNode(SCRIPT, [], { label: `${label}-gen${i}`, nodeArgs: ['--max-old-space-size=4096'] });
      peers.push(new IpcPeer(child, `${label} load generator ${i}`));
    }
    return new LoadGens(peers);
  }

  get size(): number {
    return this.peers.length;
  }

  /** Descriptor limit of the first generator. */
  fdLimit(): number | null {
    return fdLimitOf(this.peers[0]?.child.pid);
  }

  private all<T>(op: string, args: (i: number) => Record<string, unknown> = () => ({}), timeoutMs?: number): Promise<T[]> {
    return Promise.all(this.peers.map((p, i) => p.request<T>(op, args(i), timeoutMs)));
  }

  /** Opens `clients` (split over the generators) and waits for every handshake to finish. */
  async connect(
    url: string,
    protocol: Protocol,
    clients: readonly ClientSpec[],
    concurrency = 100,
    timeoutMs = 60_000,
    deadlineMs = 3_600_000,
  ): Promise<ConnectSummary> {
    const parts = split(clients.length, this.peers.length);
    const rs = await this.all<ConnectSummary>(
      'connect',
      (i) => ({
        url,
        protocol,
        concurrency,
        timeoutMs,
        deadlineMs,
        localAddress: sourceAddress(i),
        clients: clients.slice(parts[i]!.start, parts[i]!.start + parts[i]!.count),
      }),
      Math.min(deadlineMs + timeoutMs, timeoutMs * Math.ceil(clients.length / this.peers.length)) + 60_000,
    );
    const errors: Record<string, number> = {};
    for (const r of rs) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    return {
      ok: sum(rs.map((r) => r.ok)),
      failed: sum(rs.map((r) => r.failed)),
      skipped: sum(rs.map((r) => r.skipped)),
      errors,
      ms: Math.max(...rs.map((r) => r.ms)),
    };
  }

  async status(): Promise<{ open: number; received: number }> {
    const rs = await this.all<{ open: number; received: number }>('status');
    return { open: sum(rs.map((r) => r.open)), received: sum(rs.map((r) => r.received)) };
  }

  /** Open loop at `rate` commands/s in total (split over generators), or closed loop with `window` per client. */
  async drive(
    o: { mode: 'open'; rate: number; durationMs: number; graceMs: number } | { mode: 'closed'; window: number; durationMs: number },
  ): Promise<DriveResult> {
    const n = this.peers.length;
    const rs = await this.all<DriveResult>(
      'drive',
      () => (o.mode === 'open' ? { ...o, rate: o.rate / n } : o),
      o.durationMs + (o.mode === 'open' ? o.graceMs : 0) + 120_000,
    );
    const statuses: Record<string, number> = {};
    for (const r of rs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    return {
      latencies: rs.flatMap((r) => r.latencies),
      sent: sum(rs.map((r) => r.sent)),
      acked: sum(rs.map((r) => r.acked)),
      statuses,
      elapsedMs: Math.max(...rs.map((r) => r.elapsedMs)),
    };
  }

  /** Starts recording arrivals of `event` on every client. */
  async listen(event: string, playerId?: number): Promise<void> {
    await this.all('listen', () => ({ event, ...(playerId === undefined ? {} : { playerId }) }));
  }

  /** Makes generator 0's first client trigger one broadcast; returns the trigger instant (hi-res wall ms). */
  trigger(idle: boolean): Promise<number> {
    return this.peers[0]!.request<number>('trigger', { idle });
  }

  /** Arrival instants heard since `listen`/the last collect; waits until `expect` in total or the timeout. */
  async collect(expect: number, timeoutMs: number): Promise<number[]> {
    const parts = split(expect, this.peers.length);
    const rs = await this.all<number[]>('collect', (i) => ({ expect: parts[i]!.count, timeoutMs }), timeoutMs + 30_000);
    return rs.flat();
  }

  async stormFire(commands: number): Promise<number> {
    return sum(await this.all<number>('stormFire', () => ({ commands })));
  }

  async stormReconnect(timeoutMs: number): Promise<StormResult[]> {
    return this.all<StormResult>('stormReconnect', () => ({ timeoutMs }), timeoutMs + 60_000);
  }

  /** Disconnects every client and ends the processes. */
  async close(): Promise<void> {
    await Promise.all(
      this.peers.map(async (p) => {
        await p.request('close', {}, 30_000).catch(() => undefined);
        await stopChild(p.child, 5_000);
      }),
    );
  }
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
