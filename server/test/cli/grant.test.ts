import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { adminCli, cliEnv, expectFailure, jsonOf, sql } from './support.js';

describe('admin grant', () => {
  let t: TestServer;
  let admin: ReturnType<typeof adminCli>;
  let ann: Awaited<ReturnType<TestServer['api']['register']>>;
  let ben: Awaited<ReturnType<TestServer['api']['register']>>;
  const resourcesOf = async (who: typeof ann) => {
    const r = await t.api.get(`/api/v1/planets/${who.planetId}`, who.token);
    expect(r.status).toBe(200);
    return r.body.resources;
  };
  const events = (playerId: number) =>
    sql<{ seq: string; type: string; data: unknown }>(t.dbUrl, 'select seq, type, data from player_event where player_id = $1 order by seq', [
      playerId,
    ]);

  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400' } });
    admin = adminCli(cliEnv(t.dbUrl), t.clock);
    ann = await t.api.register('ann');
    ben = await t.api.register('ben');
  });
  afterAll(async () => t?.stop());

  it('adds exact amounts to the home planet, settled first, and writes a stream event', async () => {
    t.clock.advance(3_600_000); // an hour of base production accrues before the grant
    const before = await resourcesOf(ann);
    expect(before.metal).toBeGreaterThan(500);
    const r = jsonOf(await admin('grant', 'ANN', '--metal', '1000', '--crystal', '250', '--json'));
    const expected = { metal: before.metal + 1000, crystal: before.crystal + 250, deuterium: before.deuterium };
    expect(r).toEqual({
      player: { id: ann.playerId, username: 'ann' },
      planet: { id: ann.planetId, name: 'Homeworld', galaxy: expect.any(Number), system: expect.any(Number), position: expect.any(Number) },
      granted: { metal: 1000, crystal: 250, deuterium: 0 },
      resources: expected,
    });
    expect(await resourcesOf(ann)).toEqual(expected);
    const stream = await events(ann.playerId);
    expect(stream.at(-1)).toEqual({
      seq: expect.any(String),
      type: 'resources.granted',
      data: { planetId: ann.planetId, granted: { metal: 1000, crystal: 250, deuterium: 0 }, resources: expected },
    });
  });

  it('grants to --planet and prints a readable summary', async () => {
    const before = await resourcesOf(ben);
    const r = await admin('grant', 'ben', '--deuterium', '42', '--planet', String(ben.planetId));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^player\\s+ben \\(#${ben.playerId}\\)\\nplanet\\s+Homeworld #${ben.planetId} \\[`));
    expect(r.stdout).toContain('granted        metal 0, crystal 0, deuterium 42\n');
    expect((await resourcesOf(ben)).deuterium).toBe(before.deuterium + 42);
  });

  it("refuses another player's planet, unknown players and bad amounts, changing nothing", async () => {
    const annBefore = await resourcesOf(ann);
    const benBefore = await resourcesOf(ben);
    const annEvents = (await events(ann.playerId)).length;
    expectFailure(
      await admin('grant', 'ann', '--metal', '5', '--planet', String(ben.planetId)),
      new RegExp(`^error: player "ann" has no planet with id ${ben.planetId}\\n$`),
    );
    expectFailure(await admin('grant', 'ann', '--metal', '5', '--planet', '999999'), /^error: player "ann" has no planet with id 999999/);
    expectFailure(await admin('grant', 'ghost', '--metal', '5'), /^error: no player named "ghost"\n$/);
    expectFailure(
      await admin('grant', 'ann', '--metal', '-5'),
      /option '--metal <n>' argument '-5' is invalid\. must be a whole number of 0 or more/,
    );
    expectFailure(await admin('grant', 'ann', '--crystal', '1.5'), /argument '1\.5' is invalid/);
    expectFailure(await admin('grant', 'ann', '--deuterium', 'lots'), /argument 'lots' is invalid/);
    expectFailure(await admin('grant', 'ann', '--metal', '99999999999999999999'), /is too large/);
    expectFailure(await admin('grant', 'ann', '--planet', 'x', '--metal', '1'), /argument 'x' is invalid\. must be a positive whole number/);
    expectFailure(await admin('grant', 'ann'), /^error: nothing to grant/);
    expectFailure(await admin('grant', 'ann', '--metal', String(Number.MAX_SAFE_INTEGER)), /more than 2\^53/);
    expect(await resourcesOf(ann)).toEqual(annBefore);
    expect(await resourcesOf(ben)).toEqual(benBefore);
    expect(await events(ann.playerId)).toHaveLength(annEvents);
  });
});
