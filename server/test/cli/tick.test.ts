import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TickLeader } from '../../src/game/tick.js';
import { startTestServer, type TestServer } from '../harness.js';
import { adminCli, cliEnv, expectFailure, jsonOf, sql } from './support.js';

describe('admin tick / ticks', () => {
  let t: TestServer;
  let admin: ReturnType<typeof adminCli>;
  let player: Awaited<ReturnType<TestServer['api']['register']>>;
  const upgrade = async (building: string) => {
    const r = await t.api.post(`/api/v1/planets/${player.planetId}/buildings/${building}/upgrade`, undefined, player.token);
    expect(r.status).toBe(202);
  };
  const levels = async () => (await t.api.get(`/api/v1/planets/${player.planetId}`, player.token)).body.buildings;

  beforeAll(async () => {
    t = await startTestServer();
    admin = adminCli(cliEnv(t.dbUrl), t.clock);
    player = await t.api.register('ticker');
  });
  afterAll(async () => t?.stop());

  it('tick applies the due events as the tick leader and prints its tick log row', async () => {
    expect(await admin('ticks')).toEqual({ code: 0, stdout: 'No ticks yet.\n', stderr: '' });
    expect(jsonOf(await admin('ticks', '--json'))).toEqual([]);
    await upgrade('metalMine');
    const started = t.clock.advance(60_000).toISOString();
    const row = jsonOf(await admin('tick', '--json'));
    expect(row).toEqual({
      ticked: true,
      tick: expect.any(Number),
      node: expect.stringMatching(/^admin-/),
      startedAt: started,
      durationMs: expect.any(Number),
      eventsApplied: 1,
      maxLagMs: expect.any(Number),
    });
    expect((await levels()).metalMine).toBe(1);
    const logged = await sql<{ tick: string; node: string; events_applied: number }>(
      t.dbUrl,
      'select tick, node, events_applied from tick_log order by tick',
    );
    expect(logged).toEqual([{ tick: String(row.tick), node: row.node, events_applied: 1 }]);

    const table = await admin('tick');
    expect(table.code).toBe(0);
    const [header, line, ...rest] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^TICK {2}NODE +STARTED +DURATION MS {2}EVENTS {2}MAX LAG MS$/);
    expect(line).toMatch(new RegExp(`^ *${row.tick + 1} {2}admin-\\S+ {2}${started.replace(/\./g, '\\.')} +\\d+\\.\\d {2}\\s+0 {2}\\s+0$`));
    expect(rest).toEqual([]);
  });

  it('tick does nothing (and says so, exit 0) while another node holds the tick lock', async () => {
    await upgrade('crystalMine');
    t.clock.advance(120_000);
    const other = new TickLeader(t.dbUrl);
    expect(await other.tryAcquire()).toBe(true);
    try {
      expect(jsonOf(await admin('tick', '--json'))).toEqual({ ticked: false, reason: expect.stringContaining('another node holds the tick lock') });
      expect(await admin('tick')).toEqual({ code: 0, stderr: '', stdout: expect.stringMatching(/^No tick: another node holds the tick lock/) });
      expect((await levels()).crystalMine).toBe(0);
    } finally {
      await other.release();
    }
    expect(jsonOf(await admin('tick', '--json')).eventsApplied).toBe(1);
    expect((await levels()).crystalMine).toBe(1);
  });

  it('ticks --last N lists the newest ticks first (default 10)', async () => {
    for (let i = 0; i < 10; i++) expect((await admin('tick')).code).toBe(0);
    const all = await sql<{ tick: string }>(t.dbUrl, 'select tick from tick_log order by tick desc');
    expect(all.length).toBe(13);
    const ticks = all.map((r) => Number(r.tick));

    const two = jsonOf<{ tick: number; node: string; eventsApplied: number }[]>(await admin('ticks', '--last', '2', '--json'));
    expect(two.map((r) => r.tick)).toEqual(ticks.slice(0, 2));
    expect(two[0]).toEqual({
      tick: ticks[0],
      node: expect.stringMatching(/^admin-/),
      startedAt: t.clock.now().toISOString(),
      durationMs: expect.any(Number),
      eventsApplied: 0,
      maxLagMs: 0,
    });
    expect(jsonOf<unknown[]>(await admin('ticks', '--json')).length).toBe(10);

    const table = await admin('ticks', '--last', '3');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([NaN, ...ticks.slice(0, 3)]);

    expectFailure(await admin('ticks', '--last', '0'), /argument '0' is invalid\. must be a whole number from 1 to 1000/);
    expectFailure(await admin('ticks', '--last', '1001'), /must be a whole number from 1 to 1000/);
  });
});
