import { describe, expect, it } from '@jest/globals';
import type { SessionExpiredMessage } from '@starhold/common';
import type { TestServer } from '../harness.js';
import type { ControlBus } from '../../src/control/bus.js';
import { adminCli, cliEnv, jsonOf } from '../cli/support.js';
import { cursorOf, sql } from '../support/game-sql.js';
import { waitUntil } from '../support/wait.js';
import { newClientId } from './client.js';
import { gatewaySuite } from './gateway-suite.js';

/** The server's LISTEN connection (control/pg-bus.ts), once it is listening. */
const listener = (t: TestServer) =>
  waitUntil('the control bus to listen', async () => {
    const rows = await sql<{ pid: number }>(
      t,
      `select pid from pg_stat_activity
    where datname = current_database() and application_name = 'starhold-control' and query ilike 'listen%'`,
    );
    return rows[0]?.pid;
  });

describe('bans act at once on open sockets (control bus)', () => {
  let t: TestServer;
  // No session sweep at all: whatever closes the sockets here is the control bus.
  const { connect } = gatewaySuite({ STARHOLD_AUTH_SWEEP_MS: '0' }, (s) => {
    t = s;
  });

  it('closes every socket of a player banned from the admin CLI within a bounded wait; others stay', async () => {
    const admin = adminCli(cliEnv(t.dbUrl), t.clock);
    const a = await t.api.register('ban-now');
    const bystander = await t.api.register('ban-now-bystander');
    await listener(t);
    const [c1, c2, d] = [await connect(a.token), await connect(a.token), await connect(bystander.token)];
    const started = Date.now();
    jsonOf(await admin('ban', 'ban-now', '--json'));
    for (const c of [c1, c2]) {
      expect((await c.waitFor<SessionExpiredMessage>('session:expired')).code).toBe('BANNED');
      expect(await c.waitFor('$disconnect')).toBe('io server disconnect');
    }
    expect(Date.now() - started).toBeLessThan(5_000); // the sweep is off: without the bus they would stay forever
    await d.ping();
    expect(d.socket.connected).toBe(true);
  });

  it('listens again after losing its connection (a database restart), then still acts at once', async () => {
    const admin = adminCli(cliEnv(t.dbUrl), t.clock);
    const a = await t.api.register('ban-relisten');
    const before = await listener(t);
    await sql(t, 'select pg_terminate_backend(?)', [before]);
    await waitUntil('a new LISTEN connection', async () => {
      const pid = await listener(t);
      return pid !== before && pid;
    });
    const c = await connect(a.token);
    jsonOf(await admin('ban', 'ban-relisten', '--json'));
    expect((await c.waitFor<SessionExpiredMessage>('session:expired')).code).toBe('BANNED');
  });
});

/** A bus that never delivers: what the command transaction's own check does, alone. */
const silentBus = (): ControlBus => ({ subscribe: () => () => undefined, start: () => undefined, stop: async () => undefined });

describe("a banned player's command is refused in its own transaction", () => {
  let t: TestServer;
  const { connect } = gatewaySuite(
    { STARHOLD_AUTH_SWEEP_MS: '0' },
    (s) => {
      t = s;
    },
    { controlBus: silentBus },
  );

  it('answers a socket command sent right after the ban 403 BANNED, and writes nothing (cursor included)', async () => {
    const admin = adminCli(cliEnv(t.dbUrl), t.clock);
    const a = await t.api.register('ban-tx');
    const clientId = newClientId();
    const c = await connect(a.token, { clientId });
    const upgrade = (seq: number) =>
      c.command({ clientId, seq, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'metalMine' } });
    expect((await upgrade(1)).status).toBe('applied');
    jsonOf(await admin('ban', 'ban-tx', '--json'));
    const before = await sql(t, 'select metal, crystal, buildings from planet where id = ?', [a.planetId]);
    expect(await upgrade(2)).toEqual({ status: 'error', error: { code: 'BANNED', message: 'This account is banned' } });
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
    expect(await sql(t, 'select metal, crystal, buildings from planet where id = ?', [a.planetId])).toEqual(before);
    expect(await sql(t, 'select seq::int from command_log where player_id = ? order by seq', [a.playerId])).toEqual([{ seq: 1 }]);
    expect(await sql(t, 'select count(*)::int as n from queue_item where player_id = ?', [a.playerId])).toEqual([{ n: 1 }]);
    // Unbanned, the same seq applies: the refused command was not processed.
    jsonOf(await admin('unban', 'ban-tx', '--json'));
    expect((await upgrade(2)).status).toBe('applied');
  });
});
