import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { planetRow, queueRows, uniqueName } from '../support/game-sql.js';

describe('convenience routes go through the same handlers and honour Idempotency-Key', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  it('replays the first answer for the same key and charges once', async () => {
    const a = await t.api.register(uniqueName('idem'));
    const path = `/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`;
    const first = await t.api.post(path, undefined, a.token, { 'Idempotency-Key': 'upgrade-1' });
    expect(first.status).toBe(202);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(first.body.queueItem).toMatchObject({ target: 'metalMine', level: 1 });
    const again = await t.api.post(path, undefined, a.token, { 'Idempotency-Key': 'upgrade-1' });
    expect(again.status).toBe(202);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(1);
    expect((await planetRow(t, a.planetId)).metal).toBe(440);

    const other = await t.api.post(path, undefined, a.token, { 'Idempotency-Key': 'upgrade-2' });
    expect(other.status).toBe(202);
    expect(other.body.queueItem.level).toBe(2);
    expect((await planetRow(t, a.planetId)).metal).toBe(440 - 90);
  });

  it('refuses a key reused for a different request with 422 and changes nothing', async () => {
    const a = await t.api.register(uniqueName('reuse'));
    const first = await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token, { 'Idempotency-Key': 'k-1' });
    expect(first.status).toBe(202);
    const before = await planetRow(t, a.planetId);
    const other = await t.api.post(`/api/v1/planets/${a.planetId}/buildings/crystalMine/upgrade`, undefined, a.token, { 'Idempotency-Key': 'k-1' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(1);
    expect(await planetRow(t, a.planetId)).toEqual(before);
  });

  it('runs every call without a key', async () => {
    const a = await t.api.register(uniqueName('nokey'));
    const path = `/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`;
    expect((await t.api.post(path, undefined, a.token)).body.queueItem.level).toBe(1);
    expect((await t.api.post(path, undefined, a.token)).body.queueItem.level).toBe(2);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(2);
  });

  it('replays a rejection too, even after the rule would now allow it', async () => {
    const a = await t.api.register(uniqueName('idemrej'));
    const path = `/api/v1/planets/${a.planetId}/buildings/roboticsFactory/upgrade`;
    const first = await t.api.post(path, undefined, a.token, { 'Idempotency-Key': 'robo' });
    expect(first.status).toBe(422);
    expect(first.body.error.code).toBe('INSUFFICIENT_RESOURCES');
    t.clock.advance(1000);
    const again = await t.api.post(path, undefined, a.token, { 'Idempotency-Key': 'robo' });
    expect(again.status).toBe(422);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('keeps keys per player', async () => {
    const a = await t.api.register(uniqueName('keyA'));
    const b = await t.api.register(uniqueName('keyB'));
    const ra = await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token, { 'Idempotency-Key': 'same' });
    const rb = await t.api.post(`/api/v1/planets/${b.planetId}/buildings/metalMine/upgrade`, undefined, b.token, { 'Idempotency-Key': 'same' });
    expect(ra.status).toBe(202);
    expect(rb.status).toBe(202);
    expect(rb.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await planetRow(t, b.planetId)).metal).toBe(440);
  });

  it('cancels through DELETE /planets/:id/queue/:itemId with a replayable key', async () => {
    const a = await t.api.register(uniqueName('idemcancel'));
    const up = await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token);
    const path = `/api/v1/planets/${a.planetId}/queue/${up.body.queueItem.id}`;
    const first = await t.api.delete(path, a.token, { 'Idempotency-Key': 'cancel-1' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ cancelled: [up.body.queueItem.id], resources: { metal: 500, crystal: 500, deuterium: 0 } });
    const again = await t.api.delete(path, a.token, { 'Idempotency-Key': 'cancel-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const unkeyed = await t.api.delete(path, a.token);
    expect(unkeyed.status).toBe(404);
    expect(unkeyed.body.error.code).toBe('NOT_FOUND');
    expect((await planetRow(t, a.planetId)).metal).toBe(500);
  });

  it('refuses a malformed key with 400 and changes nothing', async () => {
    const a = await t.api.register(uniqueName('badkey'));
    const r = await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token, {
      'Idempotency-Key': 'has spaces in it',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(0);
  });
});
