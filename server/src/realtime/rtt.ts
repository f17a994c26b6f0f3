import type { Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import type { GatewayServer } from './types.js';

/**
 * Sends `rtt {serverTime, rttMs}` with an ack to every socket of this node; the time to the
 * ack is the socket's round-trip time (kept in socket.data.rttMs, shown in the next probe).
 */
export function probeRtt(s: Services, io: GatewayServer, metrics: Metrics, timeoutMs: number): void {
  for (const socket of io.of('/').sockets.values()) {
    if (!socket.data.ready) continue;
    const sent = performance.now();
    socket.timeout(timeoutMs).emit('rtt', { serverTime: s.clock.now().toISOString(), rttMs: socket.data.rttMs }, (err: Error | null) => {
      if (err) return; // no ack in time: the heartbeat decides whether the socket is dead
      const ms = performance.now() - sent;
      socket.data.rttMs = Math.round(ms * 10) / 10;
      metrics.rtt.observe(ms / 1000);
    });
  }
}
