import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';
import { serveIpc } from '../proc.js';
import { Profiler, memoryReport } from '../probe.js';

// The baseline of the socket scenarios: a bare Socket.IO server, no authentication, no game.
// - `command ({id}, ack)`: one single-row PostgreSQL update (`bench_counter` row `id`), then ack.
// - `trigger (ack)`: broadcasts one `bcast` message to every connected socket.
// Env: HOST, PORT, BENCH_DB_URL (optional; commands need it).
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const dbUrl = process.env.BENCH_DB_URL;
const pool = dbUrl ? new pg.Pool({ connectionString: dbUrl, max: 10 }) : undefined;

const http = createServer((_req, res) => {
  res.writeHead(404).end();
});
const io = new Server(http, { transports: ['websocket', 'polling'], serveClient: false, maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => {
  socket.on('command', (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function' || !pool) return;
    const id = typeof payload === 'object' && payload !== null ? Number((payload as { id?: unknown }).id) : 0;
    pool.query('update bench_counter set n = n + 1 where id = $1', [id]).then(
      () => (ack as (a: unknown) => void)({ status: 'applied' }),
      (e: unknown) => (ack as (a: unknown) => void)({ status: 'error', error: String(e) }),
    );
  });
  socket.on('trigger', (ack: unknown) => {
    io.emit('bcast', { at: Date.now() });
    if (typeof ack === 'function') (ack as () => void)();
  });
});

const profiler = new Profiler();
serveIpc({
  memory: () => memoryReport(),
  profileStart: () => profiler.start(),
  profileStop: (a) => profiler.stop(typeof a.file === 'string' ? a.file : undefined),
});
const stop = () => {
  io.close().catch((e: unknown) => console.error('baseline server: closing Socket.IO failed', e));
  http.closeAllConnections();
  void (pool?.end() ?? Promise.resolve()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
http.listen(port, host, () => process.send?.({ type: 'ready' }));
