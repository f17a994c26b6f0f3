// Scheduled backups (STARHOLD_BACKUP_EVERY / STARHOLD_BACKUP_KEEP, db/backup/plugin.ts) with the
// manual clock: a backup when none is younger than the period, none in between, the newest KEEP
// kept, only the node holding the backup lock writes; and the newest restores into a scratch
// database with the rows it had.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { restoreDatabase } from '../../src/db/backup/restore.js';
import { BACKUP_LOCK_KEY, backupPlugin, type BackupPlugin } from '../../src/db/backup/plugin.js';
import { withPgClient } from '../../src/db/pg-client.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const HOUR = 3_600_000;

describe('scheduled backups', () => {
  let t: TestServer;
  let plugin: BackupPlugin;
  let scratch: TestDatabase | undefined;
  const dir = () => path.join(t.config.dataDir, 'backups');
  const files = async () => (await readdir(dir())).sort();

  beforeAll(async () => {
    plugin = backupPlugin();
    t = await startTestServer({ env: { STARHOLD_BACKUP_EVERY: '6h', STARHOLD_BACKUP_KEEP: '2' }, plugins: () => [plugin] });
  });
  afterAll(async () => {
    await t?.stop();
    await scratch?.drop();
  });

  it('parses the settings: periods with a unit, off by default', () => {
    const env = { STARHOLD_DATA_DIR: t.config.dataDir, STARHOLD_JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(env)).toMatchObject({ backupEveryMs: 0, backupKeep: 7 });
    expect(loadConfig({ ...env, STARHOLD_BACKUP_EVERY: '30m' }).backupEveryMs).toBe(30 * 60_000);
    expect(loadConfig({ ...env, STARHOLD_BACKUP_EVERY: '1d' }).backupEveryMs).toBe(24 * HOUR);
    expect(() => loadConfig({ ...env, STARHOLD_BACKUP_EVERY: '6 hours' })).toThrow(
      /STARHOLD_BACKUP_EVERY: "6 hours" is not a period like 30m, 6h or 1d/,
    );
    expect(() => loadConfig({ ...env, STARHOLD_BACKUP_KEEP: '0' })).toThrow(/STARHOLD_BACKUP_KEEP/);
  });

  it('backs up when due, only on the node holding the backup lock, and keeps the newest STARHOLD_BACKUP_KEEP', async () => {
    await t.api.register('alice');
    // Another node holds the backup lock: this one writes nothing.
    await withPgClient({ connectionString: t.dbUrl }, async (other) => {
      await other.query('select pg_advisory_lock($1)', [BACKUP_LOCK_KEY]);
      expect(await plugin.runDue()).toBeNull();
      await other.query('select pg_advisory_unlock($1)', [BACKUP_LOCK_KEY]);
    });
    expect(await readdir(dir()).catch(() => [])).toEqual([]);

    const first = await plugin.runDue(); // 2026-01-01 12:00 (the manual clock)
    expect(first?.file).toBe(path.join(dir(), 'starhold-20260101T120000Z.backup.gz'));
    t.clock.advance(6 * HOUR - 1_000);
    expect(await plugin.runDue()).toBeNull(); // the newest is younger than 6 h

    await writeFile(path.join(dir(), 'my-own.backup.gz'), 'not ours'); // other files stay
    await t.api.register('bob');
    t.clock.advance(1_000);
    expect((await plugin.runDue())?.removed).toEqual([]);
    t.clock.advance(6 * HOUR);
    await t.api.register('carol');
    const third = await plugin.runDue();
    expect(third?.removed).toEqual([first?.file]);
    expect(await files()).toEqual(['my-own.backup.gz', 'starhold-20260101T180000Z.backup.gz', 'starhold-20260102T000000Z.backup.gz']);
    expect(third?.tables.find((x) => x.name === 'player')?.rows).toBe(3);
  });

  it('the newest backup restores into a scratch database with every row', async () => {
    const newest = (await files()).filter((f) => f.startsWith('starhold-')).at(-1)!;
    scratch = await createTestDatabase();
    const restored = await restoreDatabase(scratch.url, path.join(dir(), newest));
    expect(restored.createdAt).toBe('2026-01-02T00:00:00.000Z');
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    try {
      const players = await c.query<{ username: string; planets: number }>(
        'select p.username, count(pl.id)::int as planets from player p left join planet pl on pl.player_id = p.id group by p.username order by 1',
      );
      expect(players.rows).toEqual([
        { username: 'alice', planets: 1 },
        { username: 'bob', planets: 1 },
        { username: 'carol', planets: 1 },
      ]);
    } finally {
      await c.end();
    }
  });
});
