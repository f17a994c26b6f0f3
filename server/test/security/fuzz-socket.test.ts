// Property-based fuzzing of the realtime gateway: every inbound event with hostile arguments, with
// and without an ack callback; `command` with envelopes of every command type; raw packets that
// bypass the client's encoder; hostile handshakes; unknown event names. No ack ever carries
// INTERNAL, the server keeps serving, and the database invariants hold afterwards.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { COMMAND_TYPES } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { gatewayPlugin, type GatewayPlugin } from '../../src/realtime/gateway.js';
import { connectClient, newClientId, type TestClient } from '../realtime/client.js';
import { plainValue, type Hostile } from './support/hostile-json.js';
import { ANSWERS, argsFor, commandOf, handshakeAuth, rawPacket, type SocketArg } from './support/hostile-socket.js';
import { INVARIANT_COUNT, invariantViolations } from './support/invariants.js';
import { LivePools } from './support/live-pools.js';
import { checkProperty } from './support/property.js';
import { INBOUND_EVENTS, listenedEvents, uncovered } from './support/surface.js';
import { createSide, type Side } from './support/world.js';

const SEED = 20_261_123;
const RUNS = { event: 60, commandType: 40, raw: 100, handshake: 60, unknownEvent: 30 };
/** Socket.IO messages above this may get a PAYLOAD_TOO_LARGE ack instead of an answer (the limit is 64 KiB; realtime/message-limit.ts). */
const SIZE_LIMIT = 60_000;
const ACK_WAIT_MS = 10_000;
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

describe('fuzz: hostile socket input on every inbound event', () => {
  let t: TestServer;
  let gw: GatewayPlugin;
  let a: Side;
  let pools: LivePools;
  let client: TestClient;
  const clientId = newClientId('sfuzz');
  const tried = new Map<string, number>();
  const acks = new Map<string, number>();
  let reconnects = 0;
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  const raw = (): Socket => client.socket as unknown as Socket;
  const valueOf = (arg: SocketArg): unknown => ('bytes' in arg ? arg.bytes : plainValue(arg.json, pools.resolve));
  const sizeOf = (values: unknown[]): number =>
    values.reduce<number>((n, v) => n + (Buffer.isBuffer(v) ? v.length : Buffer.byteLength(JSON.stringify(v) ?? '')), 0);

  async function connected(): Promise<TestClient> {
    if (client?.socket.connected) return client;
    client?.close();
    client = await connectClient(t.url, { token: a.token, clientId, lastSeq: 0 });
    reconnects++;
    return client;
  }

  /** The server still answers on this connection (or, after an oversized message, on a new one). */
  async function stillServing(oversized: boolean): Promise<void> {
    if (oversized) {
      const dropped = new Promise<boolean>((resolve) => client.socket.once('disconnect', () => resolve(false)));
      const answered = await Promise.race([
        client.ping().then(
          () => true,
          () => false,
        ),
        dropped,
      ]);
      if (answered) return;
      await connected();
    }
    expect(client.socket.connected).toBe(true);
    await client.ping();
  }

  function checkAck(event: string, ack: unknown): void {
    count(acks, `${event}:${(ack as { status?: string; ok?: boolean })?.status ?? String((ack as { ok?: boolean })?.ok ?? 'pong')}`);
    expect(JSON.stringify(ack)).not.toMatch(/"code":"INTERNAL"/);
    if (event === 'command') expect(['applied', 'rejected', 'duplicate', 'gap', 'error']).toContain((ack as { status: string }).status);
    if (event === 'auth:refresh') expect(typeof (ack as { ok: boolean }).ok).toBe('boolean');
    if (event === 'ping:rtt') expect(typeof (ack as { serverTime: string }).serverTime).toBe('string');
  }

  /** Emits `event` with `values`; with `withAck`, waits for the answer of events that give one. */
  async function emit(event: string, values: unknown[], withAck: boolean): Promise<void> {
    const oversized = sizeOf(values) > SIZE_LIMIT;
    if (withAck && ANSWERS[event as keyof typeof ANSWERS] && !oversized) {
      checkAck(
        event,
        await raw()
          .timeout(ACK_WAIT_MS)
          .emitWithAck(event, ...values),
      );
    } else if (withAck) {
      raw().emit(event, ...values, () => undefined);
    } else {
      raw().emit(event, ...values);
    }
    await stillServing(oversized);
  }

  beforeAll(async () => {
    t = await startTestServer({
      env: { STARHOLD_COMMAND_RATE_LIMIT: '1000000', STARHOLD_ACCESS_TOKEN_TTL_S: '31536000', STARHOLD_WHEEL_COOLDOWN_S: '0' },
      plugins: () => [(gw = gatewayPlugin())],
    });
    a = await createSide(t, 'fuzzsocka');
    const b = await createSide(t, 'fuzzsockb');
    pools = new LivePools(t, a, b, clientId);
    await pools.refresh();
    await connected();
    reconnects = 0;
  });
  afterAll(async () => {
    client?.close();
    await t?.stop();
  });

  it('answers every inbound event, whatever its arguments, never with INTERNAL', async () => {
    for (const event of INBOUND_EVENTS) {
      await checkProperty(
        fc.asyncProperty(argsFor(event), fc.boolean(), async (args, withAck) => {
          await connected();
          count(tried, event);
          await emit(event, args.map(valueOf), withAck);
          if (event === 'command') await pools.refresh();
        }),
        {
          numRuns: RUNS.event,
          seed: SEED,
          // Always tried: an ack but no payload, and an extra argument before the ack (the ack must still be found).
          examples: [
            [[], true],
            [[{ json: null }, { json: 'extra' }], true],
          ],
        },
      );
    }
  });

  it('answers `command` for every command type, with well-formed and broken envelopes', async () => {
    for (const type of COMMAND_TYPES) {
      await checkProperty(
        fc.asyncProperty(commandOf(type), async (envelope: Hostile) => {
          await connected();
          count(tried, `command:${type}`);
          await emit('command', [plainValue(envelope, pools.resolve)], true);
          await pools.refresh();
        }),
        { numRuns: RUNS.commandType, seed: SEED },
      );
    }
  });

  it('survives raw packets that bypass the client encoder (closing the connection at most)', async () => {
    await checkProperty(
      fc.asyncProperty(rawPacket, async (packet) => {
        await connected();
        count(tried, 'raw packet');
        const dropped = new Promise<void>((resolve) => client.socket.once('disconnect', () => resolve()));
        raw().io.engine.write(packet);
        // Either the server answers a ping on this connection, or it closed it (a parse error).
        await Promise.race([client.ping().catch(() => dropped), dropped]);
        expect((await t.api.get('/api/v1/health')).status).toBe(200);
      }),
      { numRuns: RUNS.raw, seed: SEED },
    );
  });

  it('refuses hostile handshakes with a stable code, never INTERNAL', async () => {
    await checkProperty(
      fc.asyncProperty(handshakeAuth, async (auth) => {
        count(tried, 'handshake');
        const value = plainValue(auth, pools.resolve);
        const s = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: (cb) => cb(value as object) });
        try {
          const outcome = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no answer to the handshake ${JSON.stringify(value)?.slice(0, 200)}`)), ACK_WAIT_MS);
            const done = (x: string) => {
              clearTimeout(timer);
              resolve(x);
            };
            s.once('connect', () => done('connected'));
            s.once('connect_error', (e: Error & { data?: { code?: string } }) => done(e.data?.code ?? e.message));
            s.once('disconnect', (reason) => done(`closed: ${reason}`)); // a CONNECT packet the server cannot parse
          });
          expect(outcome).not.toBe('INTERNAL');
          count(acks, `handshake:${outcome}`);
        } finally {
          s.disconnect();
        }
      }),
      { numRuns: RUNS.handshake, seed: SEED },
    );
  });

  it('ignores events it does not know', async () => {
    const name = fc.string({ minLength: 1, maxLength: 40 }).filter((n) => !RESERVED.has(n));
    await checkProperty(
      fc.asyncProperty(name, argsFor('unknown'), fc.boolean(), async (event, args, withAck) => {
        await connected();
        count(tried, 'unknown event');
        await emit(event, args.map(valueOf), withAck);
      }),
      { numRuns: RUNS.unknownEvent, seed: SEED },
    );
  });

  it('exercised every inbound event the gateway listens to and every command type', async () => {
    await connected();
    const listened = listenedEvents(gw);
    expect(uncovered(listened, INBOUND_EVENTS)).toEqual([]); // the runtime list names every listener
    expect(uncovered(INBOUND_EVENTS, [...tried.keys()])).toEqual([]);
    expect(
      uncovered(
        COMMAND_TYPES.map((c) => `command:${c}`),
        [...tried.keys()],
      ),
    ).toEqual([]);
  });

  it('still serves the fuzzed connection and a fresh one, and every database invariant holds', async () => {
    await connected();
    await client.ping();
    await pools.refresh();
    const ack = await client.command({
      clientId,
      seq: pools.nextSeq,
      type: 'buildings.upgrade',
      payload: { planetId: a.planetId, building: 'solarPlant' },
    });
    expect(['applied', 'rejected']).toContain(ack.status);
    const fresh = await connectClient(t.url, { token: a.token, clientId: newClientId('sfresh'), lastSeq: 0 });
    await fresh.ping();
    fresh.close();
    expect((await t.api.get('/api/v1/health')).body).toMatchObject({ status: 'ok', db: 'ok' });
    expect(await invariantViolations(t.dbUrl)).toEqual([]);
    const total = [...tried.values()].reduce((x, y) => x + y, 0);
    console.log(
      JSON.stringify({
        suite: 'fuzz-socket',
        seed: SEED,
        inputsPerEvent: Object.fromEntries(tried),
        total,
        answers: Object.fromEntries([...acks].sort()),
        reconnects,
        invariantsChecked: INVARIANT_COUNT,
      }),
    );
  });
});
