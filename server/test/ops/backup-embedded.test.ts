// Backup and restore on the embedded PostgreSQL (no DATABASE_URL, only a data folder): the backup
// joins the running server's cluster, restore refuses while that server runs, and with the server
// stopped the CLI starts the cluster itself. A backup of the embedded database also restores into
// an external one (moving a NAS install to a PostgreSQL container).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { startTestServer } from '../harness.js';
import { createTestDatabase } from '../support/database.js';
import { adminCli, cliEnv, expectFailure, jsonOf, TEST_JWT_SECRET } from '../cli/support.js';

const PASSWORD = 'correct-horse-battery';

let root = '';
let dataDir = '';
let server: RunningServer | undefined;

function startEmbedded(): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STARHOLD_DATA_DIR: dataDir,
    STARHOLD_JWT_SECRET: TEST_JWT_SECRET,
    STARHOLD_BCRYPT_COST: '4',
    STARHOLD_TICK_MS: '0',
    LOG_LEVEL: 'silent',
  });
  return startServer({ config, logger: createLogger('silent') });
}

const login = (base: string, username: string) =>
  fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  }).then((r) => r.status);

beforeAll(async () => {
  // Under /tmp and 0755 so that, when running as root, the `postgres` user can reach the cluster.
  root = await mkdtemp(path.join('/tmp', 'starhold-backup-embedded-'));
  await chmod(root, 0o755);
  dataDir = path.join(root, 'data');
  server = await startEmbedded();
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('admin backup and restore on the embedded PostgreSQL', () => {
  const backupFile = () => path.join(root, 'nas.backup');
  const admin = () => adminCli(cliEnv(undefined, { STARHOLD_DATA_DIR: dataDir }));

  it("backs up the running server's cluster and refuses to restore under it", async () => {
    jsonOf(await admin()('players', 'create', 'ivy', '--password', PASSWORD, '--json'));
    const r = jsonOf(await admin()('backup', backupFile(), '--json'));
    expect(r.tables).toEqual(expect.arrayContaining([{ name: 'player', rows: 1 }]));
    const refused = await admin()('restore', backupFile());
    expectFailure(refused, new RegExp(`a Starhold server \\(pid ${process.pid}\\) is running on this data folder: stop it first, or pass --force`));
    expect(await login(server!.url, 'ivy')).toBe(200);
  });

  it('restores with the server stopped (the CLI runs the cluster itself), and the server starts on the restored data', async () => {
    await server!.close();
    server = undefined;
    jsonOf(await admin()('players', 'create', 'late', '--password', PASSWORD, '--json'));
    const r = jsonOf(await admin()('restore', backupFile(), '--json'));
    expect(r.tables).toEqual(expect.arrayContaining([{ name: 'player', rows: 1 }]));
    server = await startEmbedded();
    expect(await login(server.url, 'ivy')).toBe(200);
    expect(await login(server.url, 'late')).toBe(401);
  });

  it('restores the embedded backup into an external PostgreSQL', async () => {
    const db = await createTestDatabase();
    try {
      jsonOf(await adminCli(cliEnv(db.url))('restore', backupFile(), '--json'));
      const t = await startTestServer({ dbUrl: db.url });
      try {
        expect(await login(t.url, 'ivy')).toBe(200);
      } finally {
        await t.stop();
      }
    } finally {
      await db.drop();
    }
  });
});
