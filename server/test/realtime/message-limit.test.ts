// A socket message over the documented 64 KiB limit gets an error ack PAYLOAD_TOO_LARGE and the
// connection stays (so a client following the reconnect procedure does not resend it forever);
// only frames over the transport's hard cap (1 MiB) close the connection.
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import type { Socket } from 'socket.io-client';
import type { TestServer } from '../harness.js';
import { MESSAGE_LIMIT_BYTES, TRANSPORT_LIMIT_BYTES } from '../../src/realtime/message-limit.js';
import { gatewaySuite } from './gateway-suite.js';
import { newClientId, type TestClient } from './client.js';

const tooLarge = { code: ErrorCode.PAYLOAD_TOO_LARGE, message: expect.any(String), details: { limitBytes: MESSAGE_LIMIT_BYTES } };

describe('realtime gateway: message size limit', () => {
  let t: TestServer;
  const { connect } = gatewaySuite({}, (s) => {
    t = s;
  });
  const raw = (c: TestClient): Socket => c.socket as unknown as Socket;
  const emit = (c: TestClient, event: string, ...args: unknown[]): Promise<unknown> =>
    raw(c)
      .timeout(10_000)
      .emitWithAck(event, ...args);

  it('answers an oversized command with PAYLOAD_TOO_LARGE, keeps the connection, and leaves the seq unused', async () => {
    const a = await t.api.register('big-alice');
    const clientId = newClientId('big');
    const c = await connect(a.token, { clientId });
    const big = {
      clientId,
      seq: 1,
      type: 'buildings.upgrade',
      payload: { planetId: a.planetId, building: 'metalMine', pad: 'x'.repeat(MESSAGE_LIMIT_BYTES) },
    };
    expect(await emit(c, 'command', big)).toEqual({ status: 'error', error: tooLarge });
    expect(c.socket.connected).toBe(true);
    // Multi-byte characters count as bytes: 22 000 × '€' is 66 000 bytes.
    expect(await emit(c, 'command', { ...big, payload: { pad: '€'.repeat(22_000) } })).toEqual({ status: 'error', error: tooLarge });
    // Binary attachments count too.
    expect(await emit(c, 'command', Buffer.alloc(MESSAGE_LIMIT_BYTES + 1))).toEqual({ status: 'error', error: tooLarge });
    expect(await emit(c, 'auth:refresh', { token: 'x'.repeat(MESSAGE_LIMIT_BYTES) })).toEqual({ ok: false, error: tooLarge });
    // Without an ack the message is dropped; the connection stays.
    raw(c).emit('presence:idle', 'x'.repeat(MESSAGE_LIMIT_BYTES));
    await c.ping();
    expect(c.socket.connected).toBe(true);

    // Nothing was processed: seq 1 is still free, and a message just under the limit is handled as usual.
    const applied = await c.command({ clientId, seq: 1, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'metalMine' } });
    expect(applied.status).toBe('applied');
    const justUnder = await emit(c, 'command', {
      clientId,
      seq: 2,
      type: 'buildings.upgrade',
      payload: { planetId: a.planetId, building: 'x'.repeat(MESSAGE_LIMIT_BYTES - 200) },
    });
    expect(justUnder).toMatchObject({ status: 'rejected', error: { code: ErrorCode.VALIDATION_FAILED } });
    expect(c.socket.connected).toBe(true);
  });

  it('closes the connection only for a frame over the transport cap', async () => {
    const a = await t.api.register('huge-alice');
    const c = await connect(a.token);
    const dropped = new Promise<string>((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)));
    raw(c).emit('command', { pad: 'x'.repeat(TRANSPORT_LIMIT_BYTES + 1) }, () => undefined);
    expect(await dropped).toBe('transport close');
  });
});
