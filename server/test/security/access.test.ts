// Access control, enumerated from the running server: for every route with an id, every command
// type with an id in its payload (REST and socket) and every inbound socket event, player A using
// player B's ids gets exactly the answer a missing id gets (404 NOT_FOUND), and a snapshot of all
// of B's rows is byte-identical afterwards. Routes without ids return nothing of B's.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMMAND_TYPES, ErrorCode, type CommandType } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { connectClient, newClientId, type TestClient } from '../realtime/client.js';
import { BODY_FILLERS, COMMAND_FILLERS, EVENT_FILLERS, MISSING_ID, PARAM_FILLERS, idFields } from './support/access-fillers.js';
import { ANSWERS } from './support/hostile-socket.js';
import { send, type RawAnswer } from './support/send.js';
import { changedTables, snapshotOf, type Snapshot } from './support/snapshot.js';
import { INBOUND_EVENTS, httpRoutes, routeKey, type HttpRoute } from './support/surface.js';
import { createSide, moveSequences, type Side } from './support/world.js';

const FILLERS_FILE = 'server/test/security/support/access-fillers.ts';
type Ids = Record<string, Side | 'missing'>;

describe("access control: another player's ids answer 404 and change nothing", () => {
  let t: TestServer;
  let a: Side;
  let b: Side;
  let before: Snapshot;
  let sock: TestClient;
  const restClient = newClientId('access-rest');
  const sockClient = newClientId('access-sock');
  let restSeq = 0;
  let sockSeq = 0;
  const counts = { idRoutes: 0, routeVariants: 0, commandVariants: 0, socketCommandVariants: 0, socketEvents: 0, scannedRoutes: 0, snapshots: 0 };

  const routes = (): HttpRoute[] => httpRoutes(t.services);
  const hasIds = (r: HttpRoute): boolean => r.params.some((p) => PARAM_FILLERS[r.path]?.[p]?.id) || (BODY_FILLERS[routeKey(r)]?.ids.length ?? 0) > 0;

  async function expectUntouched(what: string): Promise<void> {
    counts.snapshots++;
    expect({ what, changed: changedTables(before, await snapshotOf(t.dbUrl, b.playerId)) }).toEqual({ what, changed: [] });
  }

  /** A's request to `route`, each id param / id body field taken from the side `ids` names (A's by default). */
  function request(route: HttpRoute, ids: Ids, token = a.token): Promise<RawAnswer> {
    const pick = (name: string, filler: { of(o: Side): string | number }) => {
      const who = ids[name] ?? a;
      return who === 'missing' ? MISSING_ID : filler.of(who);
    };
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, p: string) => encodeURIComponent(String(pick(p, PARAM_FILLERS[route.path]![p]!))));
    const bodyFiller = BODY_FILLERS[routeKey(route)];
    let body = bodyFiller?.body(a);
    if (body && bodyFiller) {
      for (const f of bodyFiller.ids) body = { ...body, [f]: pick(f, { of: (o) => bodyFiller.body(o)![f] as number }) };
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return send(t.url, { method: route.method, path, headers, ...(body !== undefined ? { body: Buffer.from(JSON.stringify(body)) } : {}) });
  }

  /** Variants: each id alone from B (the rest A's), and all ids from B. */
  function variants(names: string[]): Ids[] {
    const single = names.map((n) => ({ [n]: b }) as Ids);
    return names.length > 1 ? [...single, Object.fromEntries(names.map((n) => [n, b])) as Ids] : single;
  }
  const missingOf = (v: Ids): Ids => Object.fromEntries(Object.keys(v).map((k) => [k, 'missing'])) as Ids;

  beforeAll(async () => {
    t = await startTestServer({
      env: { STARHOLD_COMMAND_RATE_LIMIT: '100000', STARHOLD_AUTH_RATE_LIMIT: '100000', STARHOLD_WHEEL_COOLDOWN_S: '0' },
      plugins: () => [gatewayPlugin()],
    });
    a = await createSide(t, 'accessa');
    await moveSequences(t, 700_000_000); // B's ids occur nowhere else, so a leak of one is unmistakable
    b = await createSide(t, 'accessb', 987_654_321);
    before = await snapshotOf(t.dbUrl, b.playerId);
    sock = await connectClient(t.url, { token: a.token, clientId: sockClient, lastSeq: 0 });
  });
  afterAll(async () => {
    sock?.close();
    await t?.stop();
  });

  it('knows how to fill every route parameter, route body, command type and socket event', () => {
    const missing: string[] = [];
    for (const r of routes()) {
      for (const p of r.params) if (!PARAM_FILLERS[r.path]?.[p]) missing.push(`${routeKey(r)} :${p}`);
      if (r.method !== 'GET' && r.params.length === 0 && r.path !== '/api/v1/commands' && !BODY_FILLERS[routeKey(r)])
        missing.push(`${routeKey(r)} body`);
    }
    for (const e of INBOUND_EVENTS) if (EVENT_FILLERS[e] === undefined) missing.push(`socket event ${e}`);
    for (const c of COMMAND_TYPES) if (!COMMAND_FILLERS[c]) missing.push(`command ${c}`);
    expect(missing.map((m) => `add a filler for ${m} to ${FILLERS_FILE}`)).toEqual([]);
    expect(t.services.commands.types().sort()).toEqual([...COMMAND_TYPES].sort()); // every protocol command is served
  });

  it("answers another player's ids in every route exactly like missing ones: 404 NOT_FOUND, nothing changed", async () => {
    for (const r of routes().filter(hasIds)) {
      counts.idRoutes++;
      const names = [...r.params.filter((p) => PARAM_FILLERS[r.path]![p]!.id), ...(BODY_FILLERS[routeKey(r)]?.ids ?? [])];
      for (const v of variants(names)) {
        counts.routeVariants++;
        const foreign = await request(r, v);
        const missing = await request(r, missingOf(v));
        const what = `${routeKey(r)} with B's ${Object.keys(v).join(' and ')}`;
        expect({ what, status: foreign.status, code: (foreign.json as { error?: { code?: string } })?.error?.code }).toEqual({
          what,
          status: 404,
          code: ErrorCode.NOT_FOUND,
        });
        expect({ what, status: foreign.status, body: foreign.json }).toEqual({ what, status: missing.status, body: missing.json });
      }
      await expectUntouched(routeKey(r));
    }
  });

  it("rejects commands with another player's ids like missing ones, over REST and the socket", async () => {
    for (const type of COMMAND_TYPES) {
      const own = COMMAND_FILLERS[type](a) as Record<string, unknown>;
      const foreign = COMMAND_FILLERS[type](b) as Record<string, unknown>;
      for (const v of variants(idFields(own))) {
        const payload = { ...own, ...Object.fromEntries(Object.keys(v).map((k) => [k, foreign[k]])) };
        const missingPayload = { ...own, ...Object.fromEntries(Object.keys(v).map((k) => [k, MISSING_ID])) };
        const what = `${type} with B's ${Object.keys(v).join(' and ')}`;
        const rest = await t.api.post('/api/v1/commands', { clientId: restClient, seq: ++restSeq, type, payload }, a.token);
        const restMissing = await t.api.post('/api/v1/commands', { clientId: restClient, seq: ++restSeq, type, payload: missingPayload }, a.token);
        expect({ what, status: rest.status, body: rest.body }).toEqual({
          what,
          status: 404,
          body: { status: 'rejected', error: { code: ErrorCode.NOT_FOUND, message: expect.any(String) } },
        });
        expect({ what, body: rest.body }).toEqual({ what, body: restMissing.body });
        const ack = await sock.command({ clientId: sockClient, seq: ++sockSeq, type, payload });
        expect({ what, ack }).toEqual({ what, ack: rest.body });
        counts.commandVariants++;
        counts.socketCommandVariants++;
      }
      await expectUntouched(`command ${type}`);
    }
  });

  it("refuses another player's values in socket events, and events without ids change nothing of theirs", async () => {
    for (const event of INBOUND_EVENTS) {
      counts.socketEvents++;
      const filler = EVENT_FILLERS[event];
      if (filler === 'commands') continue; // per command type, above
      const emitter = sock.socket as unknown as {
        timeout(ms: number): { emitWithAck(e: string, ...args: unknown[]): Promise<unknown> };
        emit(e: string, ...args: unknown[]): void;
      };
      if (filler === null) {
        if (ANSWERS[event]) await emitter.timeout(10_000).emitWithAck(event, {});
        else emitter.emit(event);
        await sock.ping();
      } else {
        const answer = await emitter.timeout(10_000).emitWithAck(event, filler.payload(b));
        expect({ event, answer }).toEqual({ event, answer: { ok: false, error: expect.objectContaining({ code: filler.code }) } });
      }
      await expectUntouched(`socket event ${event}`);
    }
    // The connection still acts as A: B's planet is still not found.
    const ack = await sock.command({
      clientId: sockClient,
      seq: ++sockSeq,
      type: 'buildings.upgrade',
      payload: COMMAND_FILLERS['buildings.upgrade'](b),
    });
    expect(ack).toMatchObject({ status: 'rejected', error: { code: ErrorCode.NOT_FOUND } });
  });

  it('returns nothing of another player from routes without ids', async () => {
    const markers: (string | number)[] = [
      b.planetId,
      ...b.buildingItemIds,
      b.researchItemId,
      b.spinId,
      b.shipyardOrderId,
      b.fleetId,
      b.battleReportId,
      b.espionageReportId,
      b.metal,
      b.clientSeed,
    ];
    const leaks = (text: string) =>
      markers.filter((m) => (typeof m === 'number' ? new RegExp(`(?<![0-9.])${m}(?![0-9])`).test(text) : text.includes(m)));
    let seenByOwner = 0;
    for (const r of routes().filter((x) => !hasIds(x) && x.path !== '/api/v1/commands')) {
      counts.scannedRoutes++;
      if (r.method === 'GET') {
        const mine = await request(r, {});
        expect({ route: routeKey(r), leaked: leaks(mine.text) }).toEqual({ route: routeKey(r), leaked: [] });
        if (leaks((await request(r, {}, b.token)).text).length > 0) seenByOwner++;
      } else {
        expect((await request(r, {})).status).toBeLessThan(500);
      }
      await expectUntouched(routeKey(r));
    }
    expect(seenByOwner).toBeGreaterThan(0); // the scan does find B's data where B may see it
  });

  it("has fillers that point at real things: each player's own ids are not 404", async () => {
    const notFound = (res: { status: number; code?: string }) => res.status === 404 && res.code === ErrorCode.NOT_FOUND;
    let controls = 0;
    for (const r of routes().filter(hasIds)) {
      // GETs change nothing, so A's own ids do; anything else gets a fresh player of its own.
      const owner = r.method === 'GET' ? a : await createSide(t, `accessctl${++controls}`);
      const res = await request(r, Object.fromEntries([...r.params, ...(BODY_FILLERS[routeKey(r)]?.ids ?? [])].map((n) => [n, owner])), owner.token);
      expect({
        route: routeKey(r),
        notFound: notFound({ status: res.status, code: (res.json as { error?: { code?: string } })?.error?.code }),
      }).toEqual({ route: routeKey(r), notFound: false });
    }
    for (const type of COMMAND_TYPES) {
      const owner = await createSide(t, `accessctl${++controls}`);
      const res = await t.api.post(
        '/api/v1/commands',
        { clientId: newClientId('ctl'), seq: 1, type: type as CommandType, payload: COMMAND_FILLERS[type](owner) },
        owner.token,
      );
      expect({ type, notFound: notFound({ status: res.status, code: res.body?.error?.code }) }).toEqual({ type, notFound: false });
    }
    console.log(
      JSON.stringify({
        suite: 'access',
        routes: routes().length,
        ...counts,
        commandTypes: COMMAND_TYPES.length,
        tablesPerSnapshot: Object.keys(before).length,
        changedRowsOfOtherPlayer: 0,
      }),
    );
  });
});
