// `starhold admin backup <file>` / `restore <file>` against real PostgreSQL databases (DATABASE_URL):
// a backup taken while the server plays restores into a fresh database with every row, sequence
// position and login intact; broken, foreign or newer backups are refused before anything changes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runTick } from '../../src/game/tick.js';
import { withPgClient } from '../../src/db/pg-client.js';
import { listTables } from '../../src/db/backup/catalog.js';
import { migrationsList } from '../../src/db/migrations/index.js';
import { initOrm } from '../../src/db/orm.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { adminCli, cliEnv, expectFailure, jsonOf } from '../cli/support.js';

const PASSWORD = 'correct-horse-battery';

/** Row count and a digest of the rows of every table, and every sequence position: the whole content. */
async function contents(url: string): Promise<{ rows: Record<string, number>; digests: Record<string, string>; sequences: Record<string, string> }> {
  return withPgClient({ connectionString: url }, async (c) => {
    const rows: Record<string, number> = {};
    const digests: Record<string, string> = {};
    for (const t of await listTables(c)) {
      const r = await c.query<{ n: number; d: string | null }>(
        `select count(*)::int as n, md5(string_agg(row_to_json(x)::text, '|' order by row_to_json(x)::text)) as d from "${t.name}" x`,
      );
      rows[t.name] = r.rows[0]?.n ?? -1;
      digests[t.name] = r.rows[0]?.d ?? 'empty';
    }
    const seq = await c.query<{ name: string; v: string }>(
      "select sequencename as name, coalesce(last_value, 0)::text as v from pg_sequences where schemaname = 'public'",
    );
    return { rows, digests, sequences: Object.fromEntries(seq.rows.map((s) => [s.name, s.v])) };
  });
}

describe('admin backup and restore (external PostgreSQL)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let t: TestServer;
  let dir: string;
  let backupFile: string;
  let before: Awaited<ReturnType<typeof contents>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'starhold-backup-'));
    backupFile = join(dir, 'starhold.backup');
    source = await createTestDatabase();
    target = await createTestDatabase();
    t = await startTestServer({ dbUrl: source.url, env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400' } });
    // Some play: players, a finished and a running building, a tick log, refresh tokens, stream events.
    const alice = await t.api.register('alice');
    await t.api.register('bob');
    expect((await t.api.post(`/api/v1/planets/${alice.planetId}/buildings/metalMine/upgrade`, undefined, alice.token)).status).toBe(202);
    t.clock.advance(3_600_000);
    await runTick(t.services);
    expect((await t.api.post(`/api/v1/planets/${alice.planetId}/buildings/solarPlant/upgrade`, undefined, alice.token)).status).toBe(202);
  });

  afterAll(async () => {
    await t?.stop();
    await source?.drop();
    await target?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('backs up the database while the server runs, into an owner-only file', async () => {
    before = await contents(source.url);
    const r = jsonOf(await adminCli(cliEnv(source.url))('backup', backupFile, '--json'));
    expect(r.file).toBe(backupFile);
    expect(r.tables).toEqual(
      expect.arrayContaining([
        { name: 'player', rows: 2 },
        { name: 'planet', rows: 2 },
      ]),
    );
    expect(Object.fromEntries((r.tables as { name: string; rows: number }[]).map((x) => [x.name, x.rows]))).toEqual(before.rows);
    const st = await stat(backupFile);
    expect(st.size).toBe(r.bytes);
    expect(st.mode & 0o777).toBe(0o600);
    // The server kept running: the database is unchanged by the backup.
    expect(await contents(source.url)).toEqual(before);
  });

  it('restores into a fresh database: same rows, same sequences, and the players can sign in', async () => {
    const r = jsonOf(await adminCli(cliEnv(target.url))('restore', backupFile, '--json'));
    expect(r.applied).toEqual([]);
    expect(await contents(target.url)).toEqual(before);

    const restored = await startTestServer({ dbUrl: target.url });
    try {
      const login = await restored.api.post('/api/v1/auth/login', { username: 'alice', password: PASSWORD });
      expect(login.status).toBe(200);
      const me = await restored.api.get('/api/v1/me', login.body.accessToken);
      const original = await t.api.get(
        '/api/v1/me',
        (await t.api.post('/api/v1/auth/login', { username: 'alice', password: PASSWORD })).body.accessToken,
      );
      expect(me.body).toEqual(original.body);
      // Sequences continue where they were: a new player gets a fresh id, no collision.
      const carol = await restored.api.register('carol');
      expect(carol.playerId).toBeGreaterThan(original.body.player.id);
      // The running building is still scheduled and completes.
      const planet = await restored.api.get(`/api/v1/planets/${me.body.planets[0].id}`, login.body.accessToken);
      expect(planet.body.queues.building).toHaveLength(1);
    } finally {
      await restored.stop();
    }
  });

  it('refuses to restore over a database a server is using, unless --force', async () => {
    await t.api.register('dave'); // played on after the backup
    const later = await contents(source.url);
    expect(later.rows.player).toBe(3);
    const admin = adminCli(cliEnv(source.url));
    expectFailure(await admin('restore', backupFile), /other connection\(s\) use this database.*stop the server first, or pass --force/);
    expect(await contents(source.url)).toEqual(later);
    // --force: back to the state of the backup, under the running server.
    jsonOf(await admin('restore', backupFile, '--force', '--json'));
    expect(await contents(source.url)).toEqual(before);
    expect((await t.api.post('/api/v1/auth/login', { username: 'dave', password: PASSWORD })).status).toBe(401);
  });

  it('refuses a truncated or foreign file without touching the target', async () => {
    const whole = await readFile(backupFile);
    const text = gunzipSync(whole).toString('utf8');
    const cut = join(dir, 'cut.backup');
    await writeFile(cut, gzipSync(text.slice(0, Math.floor(text.length * 0.6))));
    const foreign = join(dir, 'foreign.backup');
    await writeFile(foreign, 'select 1;\n');
    const missingEnd = join(dir, 'no-end.backup');
    await writeFile(
      missingEnd,
      gzipSync(
        text
          .split('\n')
          .filter((l) => !l.startsWith('{"end"'))
          .join('\n'),
      ),
    );
    const state = await contents(target.url);
    const admin = adminCli(cliEnv(target.url));
    expectFailure(await admin('restore', cut), /is not a complete Starhold backup/);
    expectFailure(await admin('restore', foreign), /is not a complete Starhold backup/);
    expectFailure(await admin('restore', missingEnd), /ends before the end marker/);
    expectFailure(await admin('restore', join(dir, 'nope.backup')), /does not exist/);
    expect(await contents(target.url)).toEqual(state);
  });

  it('refuses a backup made by a newer Starhold (unknown migrations)', async () => {
    const lines = gunzipSync(await readFile(backupFile))
      .toString('utf8')
      .split('\n');
    const header = JSON.parse(lines[0]!);
    header.migrations.push('Migration29991231000000FromTheFuture');
    const future = join(dir, 'future.backup');
    await writeFile(future, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
    const state = await contents(target.url);
    expectFailure(await adminCli(cliEnv(target.url))('restore', future), /newer Starhold version.*Migration29991231000000FromTheFuture/);
    expect(await contents(target.url)).toEqual(state);
  });

  it('replaces an older backup of the same name, and leaves no file when the backup fails', async () => {
    jsonOf(await adminCli(cliEnv(source.url))('backup', backupFile, '--json'));
    const empty = await createTestDatabase();
    try {
      const nothing = join(dir, 'empty.backup');
      expectFailure(await adminCli(cliEnv(empty.url))('backup', nothing), /backup of the database at DATABASE_URL failed: .*no Starhold tables/);
      await expect(stat(nothing)).rejects.toThrow(/ENOENT/);
      expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    } finally {
      await empty.drop();
    }
  });

  it('upgrades a backup of an older version on the way: its migrations first, then the newer ones', async () => {
    const names = migrationsList.map((m) => m.name);
    const older = names.slice(0, -1);
    const old = await createTestDatabase();
    const fresh = await createTestDatabase();
    try {
      const orm = await initOrm({ url: old.url, poolMax: 1 });
      try {
        await orm.migrator.up({ migrations: older });
      } finally {
        await orm.close(true);
      }
      const oldFile = join(dir, 'older.backup');
      expect(jsonOf(await adminCli(cliEnv(old.url))('backup', oldFile, '--json')).migrations).toEqual(older);
      const r = jsonOf(await adminCli(cliEnv(fresh.url))('restore', oldFile, '--json'));
      expect({ from: r.backupMigrations, applied: r.applied }).toEqual({ from: older, applied: names.slice(-1) });
      const rows = await withPgClient({ connectionString: fresh.url }, (c) =>
        c.query<{ name: string }>('select name from mikro_orm_migrations order by id'),
      );
      expect(rows.rows.map((x) => x.name).sort()).toEqual([...names].sort());
    } finally {
      await old.drop();
      await fresh.drop();
    }
  });
});
