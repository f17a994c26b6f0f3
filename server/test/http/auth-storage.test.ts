import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../harness.js';

const PASSWORD = 'correct-horse-battery';

/** The bcrypt cost a server gets when STARHOLD_BCRYPT_COST is not set. */
function defaultBcryptCost(): number {
  const dir = mkdtempSync(join(tmpdir(), 'starhold-config-'));
  try {
    return loadConfig({ STARHOLD_DATA_DIR: dir, STARHOLD_JWT_SECRET: 'x'.repeat(40) }).bcryptCost;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('what the database keeps of credentials', () => {
  const cost = defaultBcryptCost();
  let t: TestServer;
  beforeAll(async () => {
    // The harness lowers the cost to 4 for speed; here the server runs with the production default.
    t = await startTestServer({ env: { STARHOLD_BCRYPT_COST: String(cost) } });
  });
  afterAll(async () => t?.stop());

  const sql = <R>(query: string, params: unknown[] = []) => t.services.orm.em.fork().execute<R[]>(query, params);

  it('defaults to bcrypt cost 10 or more', () => {
    expect(cost).toBeGreaterThanOrEqual(10);
  });

  it('stores a bcrypt hash of the password at the default cost, never the password', async () => {
    const reg = await t.api.register('hashed', PASSWORD);
    const rows = await sql<{ password_hash: string }>('select password_hash from player where id = ?', [reg.playerId]);
    const hash = rows[0]?.password_hash ?? '';
    expect(hash).toMatch(/^\$2b\$\d\d\$[./A-Za-z0-9]{53}$/);
    expect(hash.startsWith(`$2b$${String(cost).padStart(2, '0')}$`)).toBe(true);
    expect(hash).not.toContain(PASSWORD);
    expect(await bcrypt.compare(PASSWORD, hash)).toBe(true);
    expect((await t.api.post('/api/v1/auth/login', { username: 'hashed', password: PASSWORD })).status).toBe(200);
  });

  it('stores refresh tokens only hashed: no issued token string appears anywhere in refresh_token', async () => {
    const reg = await t.api.register('tokenkeeper', PASSWORD);
    const first = await t.api.post('/api/v1/auth/refresh', { refreshToken: reg.refreshToken });
    const second = await t.api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    const issued = [reg.refreshToken, first.body.refreshToken as string, second.body.refreshToken as string];

    const rows = await sql<Record<string, unknown>>('select * from refresh_token where player_id = ?', [reg.playerId]);
    expect(rows).toHaveLength(3);
    const dump = JSON.stringify(rows);
    for (const token of issued) {
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(dump).not.toContain(token);
    }
    for (const token of issued) {
      const hits = await sql<{ n: number }>('select count(*)::int as n from refresh_token r where strpos(row_to_json(r)::text, ?) > 0', [token]);
      expect(hits[0]?.n).toBe(0);
    }
  });
});
