// Property-based fuzzing of every REST route the router mounts: hostile path params, query
// strings, headers and bodies. Never a 5xx, never a hang; afterwards the server is healthy and
// the database invariants hold. Prints a one-line JSON summary with the counts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../harness.js';
import { newClientId } from '../support/game-sql.js';
import { runTick } from '../../src/game/tick.js';
import { jsonText, type Hostile } from './support/hostile-json.js';
import {
  bodyFor,
  headers,
  isCommandPipeline,
  query,
  queryText,
  segment,
  segmentText,
  type HostileHeaders,
  type RawSegment,
} from './support/hostile-http.js';
import { INVARIANT_COUNT, invariantViolations } from './support/invariants.js';
import { LivePools } from './support/live-pools.js';
import { checkProperty } from './support/property.js';
import { TransportError, send } from './support/send.js';
import { httpRoutes, routeKey, uncovered, type HttpRoute } from './support/surface.js';
import { createSide, type Side } from './support/world.js';

const RUNS_PER_ROUTE = 40;
/** The command pipeline takes every command type: it gets more inputs. */
const runsFor = (route: HttpRoute): number => (isCommandPipeline(route) ? RUNS_PER_ROUTE * 6 : RUNS_PER_ROUTE);
const SEED = 20_261_122;

interface HttpInput {
  params: (Hostile | RawSegment)[];
  query: [string, Hostile][] | null;
  headers: HostileHeaders;
  body: Hostile | Buffer | undefined;
  /** Minutes to advance the game clock (and run a tick) before this input; mostly 0. */
  advance: number;
}

function inputFor(route: HttpRoute): fc.Arbitrary<HttpInput> {
  return fc.record({
    params: fc.tuple(...route.params.map((p) => segment(p, route.path))),
    query,
    headers,
    body: bodyFor(route),
    advance: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 240 }) }),
  });
}

describe('fuzz: hostile REST input on every route', () => {
  let t: TestServer;
  let a: Side;
  let b: Side;
  let pools: LivePools;
  const tried = new Map<string, number>();
  const statuses = new Map<number, number>();
  let transportErrors = 0;
  let ticks = 0;

  beforeAll(async () => {
    t = await startTestServer({
      env: {
        STARHOLD_COMMAND_RATE_LIMIT: '1000000',
        STARHOLD_AUTH_RATE_LIMIT: '1000000',
        STARHOLD_ACCESS_TOKEN_TTL_S: '31536000',
        STARHOLD_WHEEL_COOLDOWN_S: '0',
      },
    });
    a = await createSide(t, 'fuzzhttpa');
    b = await createSide(t, 'fuzzhttpb');
    pools = new LivePools(t, a, b, newClientId('fuzz'));
    await pools.refresh();
  });
  afterAll(async () => t?.stop());

  function requestOf(route: HttpRoute, input: HttpInput): { path: string; headers: Record<string, string>; body?: Buffer } {
    let i = 0;
    const path =
      route.path.replace(/:([A-Za-z0-9_]+)/g, () => segmentText(input.params[i++]!, pools.resolve)) + queryText(input.query, pools.resolve);
    const h: Record<string, string> = {};
    const x = input.headers;
    if (x.contentType !== null) h['Content-Type'] = x.contentType;
    if (x.auth === 'own') h.Authorization = `Bearer ${a.token}`;
    else if (x.auth === 'foreign') h.Authorization = `Bearer ${b.token}`;
    else if (x.auth !== 'none') h.Authorization = x.auth;
    if (x.requestId !== null) h['X-Request-Id'] = x.requestId;
    if (x.idempotencyKey !== null) h['Idempotency-Key'] = x.idempotencyKey;
    if (x.contentEncoding !== null) h['Content-Encoding'] = x.contentEncoding;
    if (x.origin !== null) h.Origin = x.origin;
    const raw = input.body;
    const bytes = raw === undefined ? undefined : Buffer.isBuffer(raw) ? raw : Buffer.from(jsonText(raw, pools.resolve), 'utf8');
    return { path, headers: h, ...(bytes ? { body: bytes } : {}) };
  }

  it('never answers 5xx on any route, whatever the params, query, headers and body', async () => {
    for (const route of httpRoutes(t.services)) {
      await pools.refresh();
      await checkProperty(
        fc.asyncProperty(inputFor(route), async (input) => {
          if (input.advance > 0) {
            t.clock.advance(input.advance * 60_000);
            await runTick(t.services);
            ticks++;
          }
          const req = requestOf(route, input);
          tried.set(routeKey(route), (tried.get(routeKey(route)) ?? 0) + 1);
          try {
            const res = await send(t.url, { method: route.method, ...req });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500) {
              throw new Error(
                `${route.method} ${req.path} answered ${res.status} ${res.text.slice(0, 300)}\nheaders ${JSON.stringify(req.headers).slice(0, 300)}\nbody ${req.body?.toString('utf8').slice(0, 300)}`,
              );
            }
          } catch (e) {
            if (!(e instanceof TransportError)) throw e;
            // The server may close a connection early on an oversized request; it must still be serving.
            transportErrors++;
            expect((await t.api.get('/api/v1/health')).status).toBe(200);
          }
          if (isCommandPipeline(route)) await pools.refresh(); // follow the fuzz client's cursor
        }),
        { numRuns: runsFor(route), seed: SEED },
      );
    }
  }, 90_000);

  it('exercised every route the router mounts', () => {
    const routes = httpRoutes(t.services);
    expect(routes.length).toBeGreaterThan(20);
    expect(uncovered(routes.map(routeKey), [...tried.keys()])).toEqual([]);
    for (const r of routes) expect(tried.get(routeKey(r))).toBe(runsFor(r));
  });

  it('is still healthy, and every database invariant holds', async () => {
    expect((await t.api.get('/api/v1/health')).body).toMatchObject({ status: 'ok', db: 'ok' });
    expect((await t.api.get('/api/v1/me', a.token)).status).toBe(200);
    expect(await invariantViolations(t.dbUrl)).toEqual([]);
    const total = [...tried.values()].reduce((x, y) => x + y, 0);
    console.log(
      JSON.stringify({
        suite: 'fuzz-http',
        seed: SEED,
        routes: tried.size,
        inputsPerRoute: Object.fromEntries(tried),
        total,
        statuses: Object.fromEntries([...statuses].sort(([x], [y]) => x - y)),
        transportErrors,
        ticks,
        invariantsChecked: INVARIANT_COUNT,
      }),
    );
  });
});
