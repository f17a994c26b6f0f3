import type { PlanetView } from '@starhold/common';
import type { E2eServer } from './server.js';

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Logs in over REST (a separate session from the browser's). */
export async function apiLogin(base: string, username: string, password: string): Promise<{ token: string; playerId: number; planetId: number }> {
  const s = await json<{ accessToken: string; player: { id: number } }>(`${base}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  });
  const me = await json<{ planets: { id: number }[] }>(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${s.accessToken}` } });
  return { token: s.accessToken, playerId: s.player.id, planetId: me.planets[0]!.id };
}

/** The planet as the server reports it right now. */
export async function planetOf(base: string, username: string, password: string, planetId: number): Promise<Required<PlanetView>> {
  const { token } = await apiLogin(base, username, password);
  return json(`${base}/api/v1/planets/${planetId}`, { headers: { Authorization: `Bearer ${token}` } });
}

/** Raw SQL on the server's database (test setup and exactly-once checks). */
export async function sql<T = Record<string, unknown>>(server: E2eServer, query: string, params: unknown[] = []): Promise<T[]> {
  if (!server.running) throw new Error('server is stopped');
  return server.running.services.orm.em.fork().execute<T[]>(query, params);
}
