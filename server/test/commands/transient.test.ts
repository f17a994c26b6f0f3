import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandRegistry } from '../../src/commands/registry.js';
import { runCommand } from '../../src/commands/pipeline.js';
import { isTransientDbError } from '../../src/db/transient.js';
import { upgradeBuilding } from '../../src/modules/queues/buildings.js';
import { startTestServer, type TestServer } from '../harness.js';
import { cursorOf, newClientId, planetRow, queueRows, sql, uniqueName } from '../support/game-sql.js';

describe('CommandRegistry', () => {
  it('throws when a name is registered twice', () => {
    const r = new CommandRegistry().register('buildings.upgrade', upgradeBuilding);
    expect(() => r.register('buildings.upgrade', upgradeBuilding)).toThrow(/registered twice/);
    expect(r.types()).toEqual(['buildings.upgrade']);
  });
});

describe('a transient failure does not advance the cursor', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  it('loses the whole transaction when the database connection dies mid-command; a retry applies it', async () => {
    const a = await t.api.register(uniqueName('transient'));
    const clientId = newClientId();
    expect(
      (
        await t.api.post(
          '/api/v1/commands',
          {
            clientId,
            seq: 1,
            type: 'buildings.upgrade',
            payload: { planetId: a.planetId, building: 'solarPlant' },
          },
          a.token,
        )
      ).body.status,
    ).toBe('applied');
    const before = await planetRow(t, a.planetId);

    // The real handler does all its writes, then the database drops the connection before commit.
    const failing = new CommandRegistry().register('buildings.upgrade', async (ctx, p) => {
      const result = await upgradeBuilding(ctx, p);
      await ctx.em.execute('select pg_terminate_backend(pg_backend_pid())');
      return result;
    });
    const envelope = { clientId, seq: 2, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'metalMine' } };
    const error = await runCommand(t.services, failing, a.playerId, envelope).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(isTransientDbError(error)).toBe(true);

    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
    expect(await planetRow(t, a.planetId)).toEqual(before);
    expect((await queueRows(t, { planetId: a.planetId }, 'building')).map((q) => q.target)).toEqual(['solarPlant']);
    const logged = await sql<{ seq: string }>(t, 'select seq from command_log where player_id = ? and client_id = ? order by seq', [
      a.playerId,
      clientId,
    ]);
    expect(logged.map((r) => Number(r.seq))).toEqual([1]);

    // The client retries the same seq: it is applied now (not a duplicate, not a gap).
    const retry = await t.api.post('/api/v1/commands', envelope, a.token);
    expect(retry.body.status).toBe('applied');
    expect(retry.body.result.queueItem).toMatchObject({ target: 'metalMine', level: 1 });
    expect(await cursorOf(t, a.playerId, clientId)).toBe(2);
    expect((await planetRow(t, a.planetId)).metal).toBe(before.metal - 60);
  });

  it('gives every dropped connection back to the pool (more drops than the pool holds)', async () => {
    const a = await t.api.register(uniqueName('drops'));
    const failing = new CommandRegistry().register('buildings.upgrade', async (ctx, p) => {
      const result = await upgradeBuilding(ctx, p);
      await ctx.em.execute('select pg_terminate_backend(pg_backend_pid())');
      return result;
    });
    const envelope = { clientId: newClientId(), seq: 1, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'metalMine' } };
    for (let i = 0; i < 12; i++) {
      // the pool holds 10 connections
      await expect(runCommand(t.services, failing, a.playerId, envelope)).rejects.toThrow(/terminating connection/);
    }
    // Were a connection leaked per drop, this request would wait for a free connection forever.
    const r = await t.api.post('/api/v1/commands', envelope, a.token);
    expect(r.body.status).toBe('applied');
  });
});
