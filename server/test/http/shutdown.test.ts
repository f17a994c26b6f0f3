// Shutdown finishes even when a connection outlives closeAllConnections(): an upgraded socket the
// HTTP server no longer tracks, or an open Socket.IO client, would otherwise keep close() waiting.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import type { ServerPlugin } from '../../src/server.js';
import { startTestServer } from '../harness.js';
import { connectClient, newClientId } from '../realtime/client.js';

/** A plugin that takes over upgrade requests to /hold and keeps their sockets open forever. */
function holder(): ServerPlugin & { held: Socket[] } {
  const held: Socket[] = [];
  return {
    name: 'holder',
    held,
    start(_s, http) {
      http.on('upgrade', (req, socket) => {
        if (req.url !== '/hold') return;
        socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: hold\r\nConnection: Upgrade\r\n\r\n');
        held.push(socket as Socket);
      });
    },
    stop() {},
  };
}

describe('server shutdown', () => {
  it('closes upgraded connections it no longer tracks and stops, and the peer sees the close', async () => {
    const h = holder();
    const t = await startTestServer({ plugins: () => [gatewayPlugin(), h] });
    const player = await t.api.register('shutdown-sock');
    const client = await connectClient(t.url, { token: player.token, clientId: newClientId('shutdown'), lastSeq: 0 });

    const raw = connect(t.port, '127.0.0.1');
    const switched = new Promise<string>((resolve) => raw.once('data', (d) => resolve(d.toString())));
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
    raw.write('GET /hold HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: hold\r\n\r\n');
    expect(await switched).toMatch(/^HTTP\/1\.1 101/);
    expect(h.held).toHaveLength(1);

    await t.stop(); // without the shutdown sweep this waits for the held socket forever
    await closed;
    expect(raw.destroyed).toBe(true);
    client.close();
  });
});
