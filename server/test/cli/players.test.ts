import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { adminCli, cliEnv, expectFailure, jsonOf } from './support.js';

describe('admin players', () => {
  let t: TestServer;
  let admin: ReturnType<typeof adminCli>;
  beforeAll(async () => {
    t = await startTestServer();
    admin = adminCli(cliEnv(t.dbUrl), t.clock);
  });
  afterAll(async () => t?.stop());

  it('players list says so when there are no players yet', async () => {
    expect(await admin('players', 'list')).toEqual({ code: 0, stdout: 'No players yet.\n', stderr: '' });
    expect(jsonOf(await admin('players', 'list', '--json'))).toEqual([]);
  });

  it('players create makes a player with a home planet who can log in', async () => {
    const created = jsonOf(await admin('players', 'create', 'Alice', '--password', 'correct-horse-battery', '--json'));
    expect(created).toEqual({
      id: expect.any(Number),
      username: 'Alice',
      planet: { id: expect.any(Number), name: 'Homeworld', galaxy: expect.any(Number), system: expect.any(Number), position: expect.any(Number) },
    });

    const login = await t.api.post('/api/v1/auth/login', { username: 'alice', password: 'correct-horse-battery' });
    expect(login.status).toBe(200);
    expect(login.body.player).toEqual({ id: created.id, username: 'Alice' });
    const me = await t.api.get('/api/v1/me', login.body.accessToken);
    expect(me.body.planets.map((p: { id: number }) => p.id)).toEqual([created.planet.id]);
    const planet = await t.api.get(`/api/v1/planets/${created.planet.id}`, login.body.accessToken);
    expect(planet.body.resources).toEqual({ metal: 500, crystal: 500, deuterium: 0 });
  });

  it('players create prints a readable summary without --json', async () => {
    const r = await admin('players', 'create', 'bob_2', '--password', 'another-good-one');
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: expect.stringMatching(/^player\s+bob_2 \(#\d+\)\nhome planet\s+Homeworld #\d+ \[\d+:\d+:\d+\]\n$/),
    });
  });

  it('players create applies the registration rules', async () => {
    expectFailure(await admin('players', 'create', 'al', '--password', 'correct-horse-battery'), /^error: username must be 3-20 characters/);
    expectFailure(await admin('players', 'create', 'bad name!', '--password', 'correct-horse-battery'), /^error: username must be 3-20 characters/);
    expectFailure(await admin('players', 'create', 'carol', '--password', 'short'), /^error: password must have at least 8 characters/);
    expectFailure(await admin('players', 'create', 'ALICE', '--password', 'correct-horse-battery'), /^error: The username "ALICE" is taken/);
    expectFailure(await admin('players', 'create', 'carol'), /required option '--password <password>' not specified/);
    const list = jsonOf<{ username: string }[]>(await admin('players', 'list', '--json'));
    expect(list.map((p) => p.username)).toEqual(['Alice', 'bob_2']);
  });

  it('players list shows every player with planets, last seen and ban state', async () => {
    const dave = await t.api.register('dave');
    const rows = jsonOf(await admin('players', 'list', '--json'));
    expect(rows).toEqual([
      { id: expect.any(Number), username: 'Alice', createdAt: t.clock.now().toISOString(), lastSeenAt: null, bannedAt: null, planets: 1 },
      { id: expect.any(Number), username: 'bob_2', createdAt: t.clock.now().toISOString(), lastSeenAt: null, bannedAt: null, planets: 1 },
      { id: dave.playerId, username: 'dave', createdAt: t.clock.now().toISOString(), lastSeenAt: null, bannedAt: null, planets: 1 },
    ]);

    const table = await admin('players', 'list');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\s*ID {2}USERNAME {2}CREATED\s+LAST SEEN {2}BANNED {2}PLANETS$/);
    expect(lines[3]).toMatch(new RegExp(`^\\s*${dave.playerId} {2}dave\\s+${t.clock.now().toISOString()} {2}- +- +1$`));
    // Aligned: every row is as wide as the header.
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});
