import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { MAX_EVENT_ATTEMPTS, runTick } from '../../src/game/tick.js';
import { scheduleEvent } from '../../src/game/schedule.js';

describe('a scheduled event whose handler keeps failing', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    // A real handler registered on the real registry that always fails, like a bug would.
    t.services.events.register('test.alwaysFails', async () => {
      throw new Error('handler bug');
    });
  });
  afterAll(async () => t?.stop());

  it('does not block later events and is parked after the maximum number of attempts', async () => {
    const a = await t.api.register('poisoned');
    const em = t.services.orm.em.fork();
    const now = t.clock.now();
    const poisonId = await scheduleEvent(em, { kind: 'test.alwaysFails', dueAt: new Date(now.getTime() + 1000), payload: {} }, now);
    const up = await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token);
    expect(up.status).toBe(202);
    t.clock.advance(60_000);

    const first = await runTick(t.services);
    expect(first.eventsApplied).toBe(1); // the building completion behind the failing event
    const planet = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(planet.body.buildings.metalMine).toBe(1);

    for (let i = 1; i < MAX_EVENT_ATTEMPTS; i++) await runTick(t.services);
    const [row] = await em.execute<{ attempts: number; last_error: string; failed_at: Date | null }[]>(
      'select attempts, last_error, failed_at from scheduled_event where id = ?',
      [poisonId],
    );
    expect(row?.attempts).toBe(MAX_EVENT_ATTEMPTS);
    expect(row?.last_error).toBe('handler bug');
    expect(row?.failed_at).not.toBeNull();

    // Parked: further ticks leave it alone.
    await runTick(t.services);
    const [again] = await em.execute<{ attempts: number }[]>('select attempts from scheduled_event where id = ?', [poisonId]);
    expect(again?.attempts).toBe(MAX_EVENT_ATTEMPTS);
  });
});
