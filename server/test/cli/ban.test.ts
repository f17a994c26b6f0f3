import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { adminCli, cliEnv, expectFailure, jsonOf, sql } from './support.js';

const PASSWORD = 'correct-horse-battery';

describe('admin ban / unban', () => {
  let t: TestServer;
  let admin: ReturnType<typeof adminCli>;
  beforeAll(async () => {
    t = await startTestServer();
    admin = adminCli(cliEnv(t.dbUrl), t.clock);
  });
  afterAll(async () => t?.stop());

  const login = (username: string) => t.api.post('/api/v1/auth/login', { username, password: PASSWORD });

  it('a banned player cannot log in, use an access token or refresh; unban lets them log in again', async () => {
    const eve = await t.api.register('eve', PASSWORD);
    const second = await login('eve');
    expect(second.status).toBe(200);
    const bystander = await t.api.register('frank', PASSWORD);

    const banned = jsonOf(await admin('ban', 'Eve', '--json'));
    expect(banned).toEqual({
      id: eve.playerId,
      username: 'eve',
      bannedAt: t.clock.now().toISOString(),
      alreadyBanned: false,
      refreshTokensRevoked: 2,
    });

    const denied = await login('eve');
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('BANNED');
    const me = await t.api.get('/api/v1/me', eve.token);
    expect(me.status).toBe(403);
    expect(me.body.error.code).toBe('BANNED');
    expect((await t.api.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
    // Nobody else is affected.
    expect((await t.api.get('/api/v1/me', bystander.token)).status).toBe(200);
    const players = jsonOf<{ username: string; bannedAt: string | null }[]>(await admin('players', 'list', '--json'));
    expect(players.map((p) => [p.username, p.bannedAt])).toEqual([
      ['eve', t.clock.now().toISOString()],
      ['frank', null],
    ]);

    t.clock.advance(60_000);
    const unbanned = jsonOf(await admin('unban', 'eve', '--json'));
    expect(unbanned).toEqual({ id: eve.playerId, username: 'eve', wasBanned: true, bannedAt: null });
    const back = await login('eve');
    expect(back.status).toBe(200);
    expect((await t.api.get('/api/v1/me', back.body.accessToken)).status).toBe(200);
    // Sessions revoked by the ban stay revoked.
    expect((await t.api.post('/api/v1/auth/refresh', { refreshToken: eve.refreshToken })).status).toBe(401);
  });

  it('banning twice keeps the first ban time; texts are readable; unknown players fail', async () => {
    const gus = await t.api.register('gus', PASSWORD);
    const first = await admin('ban', 'gus');
    expect(first).toEqual({
      code: 0,
      stderr: '',
      stdout: `player                  gus (#${gus.playerId})\nbanned since            ${t.clock.now().toISOString()}\nrefresh tokens revoked  1\n`,
    });
    const bannedAt = t.clock.now().toISOString();
    t.clock.advance(5_000);
    const again = jsonOf(await admin('ban', 'gus', '--json'));
    expect(again).toEqual({ id: gus.playerId, username: 'gus', bannedAt, alreadyBanned: true, refreshTokensRevoked: 0 });
    const rows = await sql<{ banned_at: Date }>(t.dbUrl, 'select banned_at from player where id = $1', [gus.playerId]);
    expect(rows[0]?.banned_at.toISOString()).toBe(bannedAt);

    expect((await admin('unban', 'gus')).stdout).toBe(`player  gus (#${gus.playerId})\nstatus  unbanned\n`);
    expect(jsonOf(await admin('unban', 'gus', '--json')).wasBanned).toBe(false);
    expectFailure(await admin('ban', 'nobody'), /^error: no player named "nobody"\n$/);
    expectFailure(await admin('unban', 'nobody'), /^error: no player named "nobody"\n$/);
  });
});
