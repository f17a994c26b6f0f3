import { serveIpc } from '../proc.js';
import { Conn, countReason, pool, wallNow, type ClientSpec, type Protocol } from './conn.js';
import { Driver } from './drive.js';
import { Storm } from './storm.js';

// A load-generator process: holds a share of the benchmark's client sockets (all from one
// loopback source address) and runs what the runner asks over IPC. Several of them run side by
// side so that clients neither share the server's event loop nor one process's descriptors/ports.

let conns: Conn[] = [];
let driver: Driver | undefined;
let storm: Storm | undefined;
let heard: number[] = [];

const str = (v: unknown): string => String(v);
const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);

serveIpc({
  /** Opens the given clients (at most `concurrency` handshakes in flight). */
  async connect(a) {
    const url = str(a.url);
    if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+$/.test(url)) throw new Error(`refusing non-loopback target ${url}`);
    const specs = a.clients as ClientSpec[];
    const protocol = a.protocol as Protocol;
    const localAddress = typeof a.localAddress === 'string' ? a.localAddress : undefined;
    const errors: Record<string, number> = {};
    let ok = 0;
    const t0 = performance.now();
    const fresh = specs.map((s) => new Conn(s, url, protocol, localAddress));
    conns.push(...fresh);
    // No new handshake after the deadline: a step that would take too long ends with what it got.
    const stopAt = t0 + num(a.deadlineMs, 3_600_000);
    let skipped = 0;
    await pool(fresh, num(a.concurrency, 100), async (c) => {
      if (performance.now() > stopAt) {
        skipped++;
        c.close();
        return;
      }
      try {
        await c.open(num(a.timeoutMs, 60_000));
        ok++;
      } catch (e) {
        countReason(errors, e);
        c.close();
      }
    });
    // Clients that failed or were never tried are forgotten: later phases only use connected ones.
    const failedOrSkipped = new Set(fresh.filter((c) => !c.socket.connected));
    conns = conns.filter((c) => !failedOrSkipped.has(c));
    driver = undefined;
    return {
      ok,
      failed: specs.length - ok - skipped,
      skipped,
      errors,
      ms: performance.now() - t0,
      open: conns.filter((c) => c.socket.connected).length,
    };
  },

  /** Connected sockets and messages received so far. */
  status() {
    return { open: conns.filter((c) => c.socket.connected).length, received: conns.reduce((n, c) => n + c.received, 0) };
  },

  async drive(a) {
    driver ??= new Driver(conns);
    return a.mode === 'closed'
      ? driver.closed(num(a.window, 1), num(a.durationMs))
      : driver.open(num(a.rate), num(a.durationMs), num(a.graceMs, 10_000));
  },

  /** Records the arrival time of every `event` message (optionally only those about `playerId`: payload.playerId, or one of a presence batch's players). */
  listen(a) {
    heard = [];
    const event = str(a.event);
    const playerId = typeof a.playerId === 'number' ? a.playerId : undefined;
    for (const c of conns) {
      c.socket.off(event);
      c.socket.on(event, (p: { playerId?: number; players?: { playerId: number }[] }) => {
        if (playerId === undefined || p.playerId === playerId || p.players?.some((x) => x.playerId === playerId)) heard.push(wallNow());
      });
    }
    return conns.length;
  },

  /** Waits until `expect` arrivals were heard (or the timeout), returns them and starts over. */
  async collect(a) {
    const until = performance.now() + num(a.timeoutMs, 10_000);
    while (heard.length < num(a.expect) && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    const out = heard;
    heard = [];
    return out;
  },

  /** The first client makes the server broadcast once: Starhold toggles its presence, bare asks for `bcast`. */
  trigger(a) {
    const c = conns[0];
    if (!c) throw new Error('no client');
    const t = wallNow();
    if (c.protocol === 'bare') c.socket.emit('trigger');
    else c.socket.emit(a.idle === true ? 'presence:idle' : 'presence:active');
    return t;
  },

  stormFire(a) {
    storm = new Storm(conns, num(a.commands, 3));
    return storm.fire();
  },

  async stormReconnect(a) {
    storm ??= new Storm(conns, 0);
    return storm.reconnect(num(a.timeoutMs, 120_000));
  },

  close() {
    for (const c of conns) c.close();
    conns = [];
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});

process.on('uncaughtException', (e) => {
  process.stderr.write(`loadgen: ${e.stack ?? e.message}\n`);
});
