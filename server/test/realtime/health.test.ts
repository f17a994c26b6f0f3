import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PongMessage, RttProbeMessage } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { runTick } from '../../src/game/tick.js';
import { gatewayPlugin, type GatewayPlugin } from '../../src/realtime/gateway.js';
import { connectClient, newClientId, type TestClient } from './client.js';

/** The value of one sample in Prometheus text format (labels as written, e.g. `{code="BANNED"}`). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('realtime gateway: connection health and metrics', () => {
  let t: TestServer;
  let gw: GatewayPlugin;
  const open: TestClient[] = [];
  const metrics = async (server: TestServer = t): Promise<string> => {
    const r = await server.api.request('GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    return r.body as string;
  };

  beforeAll(async () => {
    t = await startTestServer({ plugins: () => [(gw = gatewayPlugin())] });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await t?.stop();
  });

  it('answers ping:rtt with the echoed client time and the server time', async () => {
    const a = await t.api.register('health-ping');
    const c = await connectClient(t.url, { token: a.token, clientId: newClientId(), lastSeq: 0 });
    open.push(c);
    expect(await c.socket.emitWithAck('ping:rtt', { clientTime: 12345 })).toEqual({ clientTime: 12345, serverTime: t.clock.now().toISOString() });
    const bad: PongMessage = await c.socket.emitWithAck('ping:rtt', 'nonsense' as never);
    expect(bad.clientTime).toBeNull();
  });

  it("measures each socket's round-trip time and shows it to the client", async () => {
    const a = await t.api.register('health-rtt');
    const c = await connectClient(t.url, { token: a.token, clientId: newClientId(), lastSeq: 0 });
    open.push(c);
    gw.probeRtt();
    const first = await c.waitFor<RttProbeMessage>('rtt');
    expect(first.rttMs).toBeNull();
    expect(first.serverTime).toBe(t.clock.now().toISOString());
    await c.ping(); // the probe's ack was sent before this ping, so the server has measured it
    gw.probeRtt();
    const second = await c.waitFor<RttProbeMessage>('rtt', () => true, 1);
    expect(typeof second.rttMs).toBe('number');
    expect(second.rttMs).toBeGreaterThanOrEqual(0);
    expect(sample(await metrics(), 'starhold_socket_rtt_seconds_count')).toBeGreaterThanOrEqual(1);
  });

  it('exports connection, stream, command and tick metrics', async () => {
    const a = await t.api.register('health-metrics');
    const cid = newClientId();
    const before = await metrics();
    const c = await connectClient(t.url, { token: a.token, clientId: cid }); // no lastSeq: snapshot
    open.push(c);
    await c.waitFor('synced');
    const ack = await c.command({ clientId: cid, seq: 1, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'metalMine' } });
    expect(ack.status).toBe('applied');
    await c.waitForSeq(1);
    c.close();
    const again = await connectClient(t.url, { token: a.token, clientId: cid, lastSeq: 0 });
    open.push(again);
    await again.waitFor('synced');
    t.clock.advance(3_600_000);
    await runTick(t.services);

    const after = await metrics();
    const delta = (name: string, labels = '') => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(sample(after, 'starhold_socket_connections')).toBe(open.filter((x) => x.socket.connected).length);
    expect(delta('starhold_socket_connects_total')).toBe(2);
    expect(delta('starhold_socket_disconnects_total', '{reason="client namespace disconnect"}')).toBe(1);
    expect(delta('starhold_stream_snapshots_total')).toBe(1);
    expect(delta('starhold_stream_replayed_events_total')).toBe(1);
    expect(delta('starhold_stream_live_events_total')).toBeGreaterThanOrEqual(2); // the ack's event, the completion
    expect(delta('starhold_socket_command_ack_seconds_count')).toBe(1);
    expect(delta('starhold_commands_total', '{type="buildings.upgrade",status="applied"}')).toBe(1);
    expect(delta('starhold_tick_duration_seconds_count')).toBe(1);
    expect(delta('starhold_tick_events_applied_total')).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^starhold_nodejs_eventloop_lag_seconds /m);
  });

  it('keeps one registry per server, so two servers in one process do not clash', async () => {
    const other = await startTestServer({ plugins: () => [gatewayPlugin()] });
    try {
      const text = await metrics(other);
      expect(sample(text, 'starhold_socket_connects_total')).toBe(0);
      expect(sample(await metrics(), 'starhold_socket_connects_total')).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });
});
