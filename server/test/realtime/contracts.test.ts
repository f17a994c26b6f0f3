// The wire contracts (common/src/protocol: stream.ts, scheduled.ts, command-results.ts, rest.ts) are
// enforced under test: a stream event, a scheduled event, a command result or a REST answer that
// does not parse fails where it is produced, through the real functions.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import { EVENT_KINDS } from '@starhold/common';
import { CHECK_CONTRACTS, ContractViolation } from '../../src/core/contracts.js';
import { CommandRegistry } from '../../src/commands/registry.js';
import { runCommand } from '../../src/commands/pipeline.js';
import { eventRegistry } from '../../src/handlers.js';
import { scheduleEvent } from '../../src/game/schedule.js';
import { contractCheck } from '../../src/http/contract-check.js';
import { StreamBatch } from '../../src/modules/stream/stream.js';
import { startTestServer, type TestServer } from '../harness.js';
import { newClientId, sql, uniqueName } from '../support/game-sql.js';

describe('wire contracts under test', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  const eventSeq = async (playerId: number) =>
    Number((await sql<{ event_seq: string }>(t, 'select event_seq from player where id = ?', [playerId]))[0]?.event_seq);

  it('are checked (NODE_ENV=test), and every scheduled event kind has its handler', () => {
    expect(CHECK_CONTRACTS).toBe(true);
    const registry = eventRegistry();
    expect(EVENT_KINDS.filter((k) => registry.get(k) === undefined)).toEqual([]);
  });

  it('a stream event whose payload does not parse is not written, and the transaction fails', async () => {
    const a = await t.api.register(uniqueName('contract'));
    const at = t.clock.now();
    const resources = { metal: 1, crystal: 2, deuterium: 3 };
    const bad = t.services.orm.em.fork().transactional(async (tx) => {
      await new StreamBatch().append(
        tx,
        a.playerId,
        'wheel.buffEnded',
        // @ts-expect-error -- `spinId` is missing: the compiler refuses it as well
        { planetId: a.planetId, multiplier: 2, endedAt: at.toISOString(), resources },
        at,
      );
    });
    await expect(bad).rejects.toThrow(ContractViolation);
    await expect(bad).rejects.toThrow(/stream event "wheel\.buffEnded".*spinId/);
    expect(await eventSeq(a.playerId)).toBe(0);

    const wrongValue = t.services.orm.em.fork().transactional(async (tx) => {
      const data = { planetId: a.planetId, spinId: 1, multiplier: 2, endedAt: 'yesterday', resources };
      await new StreamBatch().append(tx, a.playerId, 'wheel.buffEnded', data, at);
    });
    await expect(wrongValue).rejects.toThrow(/endedAt/);

    const good = new StreamBatch();
    await t.services.orm.em.fork().transactional(async (tx) => {
      await good.append(
        tx,
        a.playerId,
        'wheel.buffEnded',
        { planetId: a.planetId, spinId: 1, multiplier: 2, endedAt: at.toISOString(), resources },
        at,
      );
    });
    expect(good.events.map((e) => [e.seq, e.type])).toEqual([[1, 'wheel.buffEnded']]);
  });

  it('a scheduled event whose payload does not parse is not scheduled', async () => {
    const now = t.clock.now();
    // @ts-expect-error -- a fleet event names a fleet, not an order
    const wrongKey = scheduleEvent(t.services.orm.em.fork(), { kind: 'fleet.arrive', dueAt: now, payload: { orderId: 1 } }, now);
    await expect(wrongKey).rejects.toThrow(/scheduled event "fleet\.arrive".*fleetId/);
    // @ts-expect-error -- not a kind of scheduledEventSchemas
    await expect(scheduleEvent(t.services.orm.em.fork(), { kind: 'no.such', dueAt: now, payload: {} }, now)).rejects.toThrow(/no contract/);
    const rows = await sql<{ n: string }>(t, 'select count(*) as n from scheduled_event where kind in (?, ?)', ['fleet.arrive', 'no.such']);
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('a command whose result breaks its contract fails instead of answering', async () => {
    const a = await t.api.register(uniqueName('contract-cmd'));
    // @ts-expect-error -- `fleets.recall` answers `{ fleet }`
    const registry = new CommandRegistry().register('fleets.recall', async () => ({ recalled: true }));
    const envelope = { clientId: newClientId(), seq: 1, type: 'fleets.recall', payload: { fleetId: 1 } };
    await expect(runCommand(t.services, registry, a.playerId, envelope)).rejects.toThrow(/result of command "fleets\.recall"/);
  });

  it('a REST answer that does not match restResponseSchemas is a 500', async () => {
    const app = new Koa();
    const router = new Router();
    router.get('/api/v1/me', (ctx) => {
      ctx.body = { player: { id: 1, username: 'x' }, planets: [] }; // createdAt missing
    });
    router.get('/api/v1/health', (ctx) => {
      ctx.body = { status: 'ok', db: 'ok', node: 'n1', uptimeSeconds: 1, time: new Date(0).toISOString() };
    });
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (e) {
        ctx.status = 500;
        ctx.body = { error: String(e) };
      }
    });
    app.use(contractCheck()!);
    app.use(router.routes());
    const handle = app.callback();
    const server = createServer((req, res) => void handle(req, res)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const me = await fetch(`${base}/api/v1/me`);
      expect(me.status).toBe(500);
      expect(((await me.json()) as { error: string }).error).toMatch(/answer of GET \/api\/v1\/me.*createdAt/);
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
