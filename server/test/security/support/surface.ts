// The attack surface, enumerated from the running server rather than listed by hand: every
// route the router mounts, every inbound socket event the gateway listens to.
// A route or event added later is picked up by the suites automatically (and fails them until it
// is covered, where a suite needs to know something about it).
import { CLIENT_TO_SERVER_EVENTS, type ClientToServerEvents } from '@starhold/common';
import { buildRouter } from '../../../src/http/app.js';
import type { GatewayPlugin } from '../../../src/realtime/gateway.js';
import type { Services } from '../../../src/services.js';

export interface HttpRoute {
  method: string;
  /** The router's pattern, e.g. `/api/v1/planets/:id/queue/:itemId`. */
  path: string;
  /** `:name` segments of the path, in order. */
  params: string[];
}

export const routeKey = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;

/** Every method + pattern of the API router the app mounts (HEAD, which mirrors GET, left out). */
export function httpRoutes(s: Services): HttpRoute[] {
  const routes = new Map<string, HttpRoute>();
  for (const layer of buildRouter(s).stack) {
    if (typeof layer.path !== 'string') throw new Error(`a RegExp route (${String(layer.path)}) cannot be fuzzed generically`);
    const path = layer.path;
    const params = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    for (const method of layer.methods) {
      if (method === 'HEAD') continue;
      const r = { method, path, params };
      routes.set(routeKey(r), r);
    }
  }
  return [...routes.values()].sort((a, b) => routeKey(a).localeCompare(routeKey(b)));
}

export type InboundEvent = keyof ClientToServerEvents;
export const INBOUND_EVENTS: readonly InboundEvent[] = CLIENT_TO_SERVER_EVENTS;

/** Socket.IO's own events on a server socket, which a client cannot send. */
const RESERVED = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

/** Event names the gateway actually listens to on a live connection (any connected socket). */
export function listenedEvents(gw: GatewayPlugin): string[] {
  const socket = gw.io?.of('/').sockets.values().next().value;
  if (!socket) throw new Error('no connected socket to read the gateway listeners from');
  return socket
    .eventNames()
    .map(String)
    .filter((n) => !RESERVED.has(n))
    .sort();
}

/** Names in `all` that are missing from `covered`, for a "the suite exercises everything" assertion. */
export function uncovered(all: Iterable<string>, covered: Iterable<string>): string[] {
  const seen = new Set(covered);
  return [...all].filter((x) => !seen.has(x));
}
