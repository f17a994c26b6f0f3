import { describe, expect, it } from '@jest/globals';
import { IpcInputError, MAX_SNAPSHOT_BYTES, outboxHandlers, sanitizeNotification } from '../../src/main/ipc-handlers.js';
import { MemoryOutboxStorage } from '../../src/renderer/net/memory-outbox.js';

const snap = { version: 1, clientId: 'client-aaaaaaaa', nextSeq: 1, lastEventSeq: 0, commands: [] };

describe('IPC handlers', () => {
  it('pass valid calls through to the store', async () => {
    const h = outboxHandlers(new MemoryOutboxStorage());
    await h.save('srv.p1', snap);
    expect(await h.load('srv.p1')).toEqual(snap);
  });

  it.each([
    ['a bad scope', '../x', snap],
    ['a non-string scope', 42, snap],
    ['a non-snapshot', 'srv.p1', { version: 1 }],
    [
      'an oversized snapshot',
      'srv.p1',
      { ...snap, commands: [{ clientId: 'c', seq: 1, type: 't', payload: 'x'.repeat(MAX_SNAPSHOT_BYTES), queuedAt: 1 }] },
    ],
  ])('reject %s', async (_what, scope, body) => {
    const h = outboxHandlers(new MemoryOutboxStorage());
    await expect(h.save(scope, body)).rejects.toBeInstanceOf(IpcInputError);
  });

  it('trim notifications and drop malformed ones', () => {
    expect(sanitizeNotification({ title: 't'.repeat(500), body: 'b' })).toEqual({ title: 't'.repeat(120), body: 'b' });
    expect(sanitizeNotification({ title: 1, body: 'b' })).toBeNull();
    expect(sanitizeNotification(null)).toBeNull();
  });
});
