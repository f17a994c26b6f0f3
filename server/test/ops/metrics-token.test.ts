// STARHOLD_METRICS_TOKEN: when a host sets it, /metrics answers only a scraper that sends it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../harness.js';

const TOKEN = 'scrape-me-0123456789abcdef';

describe('/metrics behind STARHOLD_METRICS_TOKEN', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => t?.stop());

  it('answers 401 UNAUTHENTICATED without the token, with a wrong one, and with a player access token', async () => {
    const player = await t.api.register('metrics-snoop');
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong-token-0123456789' },
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: TOKEN },
      { Authorization: `Bearer ${player.token}` },
    ];
    for (const headers of attempts) {
      const r = await t.api.request('GET', '/metrics', undefined, undefined, headers);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
      expect(r.headers.get('WWW-Authenticate')).toBe('Bearer realm="metrics"');
      expect(JSON.stringify(r.body)).not.toContain('starhold_');
    }
  });

  it('serves the metrics to a scraper that sends the token', async () => {
    const r = await t.api.request('GET', '/metrics', undefined, undefined, { Authorization: `Bearer ${TOKEN}` });
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(String(r.body)).toMatch(/starhold_http_request_duration_seconds/);
  });

  it('refuses a token shorter than 16 characters at start', () => {
    expect(() => loadConfig({ STARHOLD_JWT_SECRET: 'x'.repeat(32), STARHOLD_METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(loadConfig({ STARHOLD_JWT_SECRET: 'x'.repeat(32) }).metricsToken).toBeUndefined();
    expect(loadConfig({ STARHOLD_JWT_SECRET: 'x'.repeat(32), STARHOLD_METRICS_TOKEN: '' }).metricsToken).toBeUndefined(); // compose passes unset as empty
  });
});
