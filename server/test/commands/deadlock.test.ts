import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { AppError } from '../../src/core/errors.js';
import { TX_ATTEMPTS, transactionWithRetry } from '../../src/db/retry.js';
import { startTestServer, type TestServer } from '../harness.js';
import { cursorOf, newClientId, patchPlanet, queueRows, sql, uniqueName } from '../support/game-sql.js';
import { CommandRegistry } from '../../src/commands/registry.js';
import { runCommand } from '../../src/commands/pipeline.js';
import { upgradeBuilding } from '../../src/modules/queues/buildings.js';

describe('no deadlock answers (issue 12, point 1)', () => {
  let t: TestServer;
  beforeAll(async () => {
    // Commands of one player race in the database here: as if each came through its own server process (no per-process gate).
    t = await startTestServer({ env: { STARHOLD_COMMAND_RATE_LIMIT: '100000', STARHOLD_COMMANDS_PER_PLAYER: '1000' } });
  });
  afterAll(async () => t?.stop());

  it('answers two parallel research.start on new clientIds (the reported repro) without a 5xx, 20 rounds', async () => {
    const a = await t.api.register(uniqueName('dlrepro'));
    await patchPlanet(t, a.planetId, { metal: 10_000_000, crystal: 10_000_000, deuterium: 10_000_000, settledAt: t.clock.now() });
    await sql(t, `update planet set buildings = buildings || '{"researchLab": 10}'::jsonb where id = ?`, [a.planetId]);
    const statuses: number[] = [];
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all(
        ['energy', 'espionage'].map((research) =>
          t.api.post(
            '/api/v1/commands',
            {
              clientId: newClientId('dl'),
              seq: 1,
              type: 'research.start',
              payload: { planetId: a.planetId, research },
            },
            a.token,
          ),
        ),
      );
      statuses.push(...answers.map((r) => r.status));
      await sql(t, 'delete from queue_item where player_id = ?', [a.playerId]); // keep room in the queue
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(await queueRows(t, { playerId: a.playerId }, 'research')).toEqual([]);
  });

  it('retries a transaction PostgreSQL chose as a deadlock victim, and both commit', async () => {
    await sql(t, 'create table if not exists dl_probe (id int primary key, n int not null)');
    await sql(t, 'insert into dl_probe values (1, 0), (2, 0) on conflict (id) do update set n = 0');
    let retries = 0;
    let arrived = 0;
    let release!: () => void;
    const bothHoldFirst = new Promise<void>((r) => {
      release = r;
    });
    // Two transactions take rows 1 and 2 in opposite orders, each waiting until the other holds its first.
    const cross = (first: number, second: number) =>
      transactionWithRetry(
        t.services,
        async (tx) => {
          await tx.execute('update dl_probe set n = n + 1 where id = ?', [first]);
          if (++arrived === 2) release();
          await bothHoldFirst;
          await tx.execute('update dl_probe set n = n + 1 where id = ?', [second]);
        },
        {
          onRetry: () => {
            retries++;
          },
        },
      );
    await Promise.all([cross(1, 2), cross(2, 1)]);
    expect(retries).toBe(1);
    expect((await sql<{ n: number }>(t, 'select n from dl_probe order by id')).map((r) => r.n)).toEqual([2, 2]);
  });

  it('answers 503 SERVICE_UNAVAILABLE (not 500) when the conflict persists, after a bounded number of attempts', async () => {
    let attempts = 0;
    const failing = transactionWithRetry(t.services, async () => {
      attempts++;
      throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    await expect(failing).rejects.toBeInstanceOf(AppError);
    await expect(failing).rejects.toMatchObject({ status: 503, code: ErrorCode.SERVICE_UNAVAILABLE });
    expect(attempts).toBe(TX_ATTEMPTS);
  });

  it('applies a command exactly once when its transaction is retried after writing (claim, effects and log roll back)', async () => {
    const a = await t.api.register(uniqueName('dlonce'));
    await patchPlanet(t, a.planetId, { metal: 1_000, crystal: 1_000, deuterium: 0, settledAt: t.clock.now() });
    let calls = 0;
    const registry = new CommandRegistry().register('buildings.upgrade', async (ctx, p) => {
      const result = await upgradeBuilding(ctx, p);
      if (++calls === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' }); // after every write of the attempt
      return result;
    });
    const clientId = newClientId('dlonce');
    const envelope = { clientId, seq: 1, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'metalMine' } } as const;
    const outcome = await runCommand(t.services, registry, a.playerId, envelope);
    expect(calls).toBe(2);
    expect(outcome.status).toBe('applied');
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
    expect(await sql(t, 'select seq::int, status from command_log where player_id = ?', [a.playerId])).toEqual([{ seq: 1, status: 'applied' }]);
    expect((await queueRows(t, { planetId: a.planetId }, 'building')).map((q) => q.level)).toEqual([1]);
    expect(await sql(t, 'select metal::int, crystal::int from planet where id = ?', [a.planetId])).toEqual([
      { metal: 1_000 - 60, crystal: 1_000 - 15 },
    ]);
    expect(await runCommand(t.services, registry, a.playerId, envelope)).toEqual({
      status: 'duplicate',
      original: 'applied',
      result: (outcome as { result: unknown }).result,
    });
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    await expect(
      transactionWithRetry(t.services, async () => {
        attempts++;
        throw Object.assign(new Error('unique violation'), { code: '23505' });
      }),
    ).rejects.toThrow('unique violation');
    expect(attempts).toBe(1);
  });
});
