import { describe, expect, it } from '@jest/globals';
import type { AuthRefreshAck, SessionExpiredMessage } from '@starhold/common';
import type { TestServer } from '../harness.js';
import { sql } from '../support/game-sql.js';
import type { GatewayPlugin } from '../../src/realtime/gateway.js';
import { newClientId, refusal, type TestClient } from './client.js';
import { gatewaySuite } from './gateway-suite.js';

const TTL_S = 900;

describe('realtime gateway: authentication', () => {
  let t: TestServer;
  let gw: GatewayPlugin;
  // A fast real sweep: expiry is judged against the manual clock, so only clock advances expire tokens.
  const { connect } = gatewaySuite({ STARHOLD_AUTH_SWEEP_MS: '20' }, (s, g) => {
    t = s;
    gw = g;
  });
  const refresh = (c: TestClient, token: unknown): Promise<AuthRefreshAck> =>
    c.socket.timeout(10_000).emitWithAck('auth:refresh', { token } as { token: string });
  const login = async (username: string): Promise<string> =>
    (await t.api.post('/api/v1/auth/login', { username, password: 'correct-horse-battery' })).body.accessToken;

  it('refuses handshakes with a stable code per reason', async () => {
    const a = await t.api.register('auth-refused');
    const missing = await refusal(t.url, { clientId: newClientId() });
    expect(missing.message).toBe('UNAUTHENTICATED');
    expect(missing.data).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await refusal(t.url, { token: 'not-a-jwt', clientId: newClientId() })).message).toBe('AUTH_INVALID');
    const forged = `${a.token.slice(0, -4)}AAAA`;
    expect((await refusal(t.url, { token: forged, clientId: newClientId() })).message).toBe('AUTH_INVALID');
    const badClient = await refusal(t.url, { token: a.token, clientId: 'x' });
    expect(badClient.message).toBe('VALIDATION_FAILED');
    expect(badClient.data?.message).toMatch(/clientId/);
    expect((await refusal(t.url, { token: a.token, clientId: newClientId(), lastSeq: -1 })).message).toBe('VALIDATION_FAILED');

    const old = await t.api.register('auth-expired');
    t.clock.advance((TTL_S + 1) * 1000);
    const expired = await refusal(t.url, { token: old.token, clientId: newClientId() });
    expect(expired.message).toBe('AUTH_EXPIRED');
    expect(expired.data?.message).toMatch(/expired/i);

    const banned = await t.api.register('auth-banned');
    await sql(t, 'update player set banned_at = ? where id = ?', [t.clock.now(), banned.playerId]);
    expect((await refusal(t.url, { token: banned.token, clientId: newClientId() })).message).toBe('BANNED');

    const metrics = await t.api.request('GET', '/metrics');
    expect(metrics.body).toMatch(/starhold_socket_connect_errors_total\{code="AUTH_EXPIRED"\} 1/);
    expect(metrics.body).toMatch(/starhold_socket_connect_errors_total\{code="BANNED"\} 1/);
  });

  it('disconnects a socket whose token expires without renewal, telling it why', async () => {
    const a = await t.api.register('auth-expiry');
    const c = await connect(a.token);
    await c.ping();
    t.clock.advance((TTL_S - 60) * 1000);
    await gw.sweep();
    await c.ping(); // not expired yet: still served
    expect(c.socket.connected).toBe(true);

    t.clock.advance(61_000);
    const ended = await c.waitFor<SessionExpiredMessage>('session:expired');
    expect(ended.code).toBe('AUTH_EXPIRED');
    expect(await c.waitFor('$disconnect')).toBe('io server disconnect');
    const names = c.log.map((l) => l.name);
    expect(names.indexOf('session:expired')).toBe(names.indexOf('$disconnect') - 1);
    const metrics = await t.api.request('GET', '/metrics');
    expect(metrics.body).toMatch(/starhold_socket_disconnects_total\{reason="AUTH_EXPIRED"\} 1/);
  });

  it('keeps a socket alive across the old expiry after auth:refresh', async () => {
    await t.api.register('auth-refresh');
    const c = await connect(await login('auth-refresh'));
    t.clock.advance((TTL_S - 100) * 1000);
    const ack = await refresh(c, await login('auth-refresh'));
    expect(ack.ok).toBe(true);
    if (!ack.ok) throw new Error('unreachable');
    expect(Date.parse(ack.expiresAt)).toBe(t.clock.now().getTime() + TTL_S * 1000);

    t.clock.advance(200_000); // past the first token's expiry
    await gw.sweep();
    await c.ping();
    expect(c.socket.connected).toBe(true);
    expect(c.all('session:expired')).toEqual([]);

    t.clock.advance(TTL_S * 1000); // past the renewed expiry too
    expect((await c.waitFor<SessionExpiredMessage>('session:expired')).code).toBe('AUTH_EXPIRED');
  });

  it('rejects a refresh with a bad, expired or foreign token and leaves the expiry alone', async () => {
    await t.api.register('auth-refresh-bad');
    const other = await t.api.register('auth-refresh-other');
    const stale = await login('auth-refresh-bad');
    t.clock.advance(100_000);
    const c = await connect(await login('auth-refresh-bad'));
    expect(await refresh(c, 'garbage')).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID' } });
    expect(await refresh(c, 42)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await refresh(c, other.token)).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID' } });
    t.clock.advance((TTL_S - 50) * 1000); // `stale` has expired, the socket's own token has not
    expect(await refresh(c, stale)).toMatchObject({ ok: false, error: { code: 'AUTH_EXPIRED' } });
    await gw.sweep();
    await c.ping();
    expect(c.all('session:expired')).toEqual([]);
    t.clock.advance(60_000);
    expect((await c.waitFor<SessionExpiredMessage>('session:expired')).code).toBe('AUTH_EXPIRED');
  });

  it('disconnects a player banned while connected at the next sweep', async () => {
    const a = await t.api.register('auth-ban-live');
    const bystander = await t.api.register('auth-ban-bystander');
    const c = await connect(a.token);
    const d = await connect(bystander.token);
    await sql(t, 'update player set banned_at = ? where id = ?', [t.clock.now(), a.playerId]);
    expect((await c.waitFor<SessionExpiredMessage>('session:expired')).code).toBe('BANNED');
    expect(await c.waitFor('$disconnect')).toBe('io server disconnect');
    await gw.sweep();
    await d.ping();
    expect(d.socket.connected).toBe(true);
  });
});
