// Hostile HTTP inputs: path segments for `:param`s, query strings, headers and bodies.
import fc from 'fast-check';
import { BUILDINGS, RESEARCH } from '@starhold/common';
import { HObject, Ref, deep, hostileNumber, hostileString, jsonText, longString, nearlyValid, type Hostile, type Resolver } from './hostile-json.js';
import { VOCABULARY, envelope, ref, tree } from './vocabulary.js';
import { OPERATIONS } from '../../../src/http/openapi/operations.js';

/** A body for a route: nothing, hostile JSON, a near-valid object, a command envelope, or bytes that are not JSON. */
export const body: fc.Arbitrary<Hostile | Buffer | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: tree },
  { weight: 3, arbitrary: fc.subarray(Object.keys(VOCABULARY), { minLength: 1, maxLength: 4 }).chain((keys) => nearlyValid(keys, VOCABULARY, tree)) },
  { weight: 2, arbitrary: envelope },
  {
    weight: 1,
    arbitrary: fc.oneof<fc.Arbitrary<Hostile>[]>(
      deep,
      fc.tuple(fc.constantFrom(...Object.keys(VOCABULARY)), longString).map(([k, v]) => new HObject([[k, v]])),
      fc.array(deep, { minLength: 2, maxLength: 2 }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc
        .constantFrom('{', '{"a":', '[1,]', '{"a" 1}', "{'a':1}", 'nul', '01', '"\\ud800"', '{"__proto__":{"x":1}}', '\u0000', 'NaN', '1e999')
        .map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
      fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d])), // {"a":"<invalid UTF-8>"}
    ),
  },
);

const operationOf = (route: { method: string; path: string }) =>
  OPERATIONS.find((o) => o.path === route.path && o.method.toUpperCase() === route.method);

/** Is this the command pipeline route (POST /api/v1/commands), which takes every command type? */
export const isCommandPipeline = (route: { method: string; path: string }): boolean => operationOf(route)?.commandPipeline === true;

/**
 * The body arbitrary for a route: command envelopes for the command pipeline, near-valid objects
 * with the fields of the route's documented body schema (OpenAPI operations), mixed with `body`.
 */
export function bodyFor(route: { method: string; path: string }): fc.Arbitrary<Hostile | Buffer | undefined> {
  const op = operationOf(route);
  if (op?.commandPipeline) return fc.oneof({ weight: 4, arbitrary: envelope }, { weight: 1, arbitrary: body });
  const shape = (op?.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  if (!shape) return body;
  return fc.oneof({ weight: 3, arbitrary: nearlyValid(Object.keys(shape), VOCABULARY, tree) }, { weight: 2, arbitrary: body });
}

/** Encodes like encodeURIComponent but keeps a few sub-delims, and never throws on lone surrogates. */
function encodeSegment(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._~!$&'()*+,;=:@-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const RAW_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%00',
  '%zz',
  '%',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '%2F',
  '%5C',
  '0',
  '-1',
  '01',
  '1e3',
  '0x10',
  '+1',
  '1.0',
  '2147483647',
  '2147483648',
  '99999999999999999999999999',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  '*',
  ';',
  '@',
  '~',
  '%20',
  '%0A',
];

/** A segment sent exactly as written (`..`, broken percent-escapes…). */
export class RawSegment {
  constructor(readonly text: string) {}
}

/** A right value for a `:param` of `path` (by the segment before it and the param's name). */
function rightSegment(param: string, path: string): fc.Arbitrary<Hostile> {
  const before = path.slice(0, path.indexOf(`:${param}`));
  if (/\/fleets\/$/.test(before) || /fleet/i.test(param)) return ref('ownFleet', 'ownFleet', 'foreignFleet');
  if (/\/research\/queue\/$/.test(before)) return ref('ownResearchItem', 'ownResearchItem', 'foreignItem');
  if (/\/queue\/$/.test(before) || /item/i.test(param)) return ref('ownBuildingItem', 'ownBuildingItem', 'foreignItem');
  if (/\/planets\/$/.test(before) || /planet/i.test(param)) return ref('ownPlanet', 'ownPlanet', 'foreignPlanet');
  if (param === 'building') return fc.constantFrom(...BUILDINGS);
  if (param === 'research') return fc.constantFrom(...RESEARCH);
  if (param === 'galaxy') return fc.integer({ min: 1, max: 9 });
  if (param === 'system') return fc.integer({ min: 1, max: 499 });
  return ref('ownPlanet', 'foreignPlanet', 'ownBuildingItem', 'foreignItem', 'ownFleet', 'foreignFleet');
}

/** A path segment for `:param` of `path`: a right value, or junk. */
export function segment(param: string, path: string): fc.Arbitrary<Hostile | RawSegment> {
  const right = rightSegment(param, path);
  const any = <T extends Hostile | RawSegment>(a: fc.Arbitrary<T>) => a as fc.Arbitrary<Hostile | RawSegment>;
  return fc.oneof(
    { weight: 8, arbitrary: any(right) },
    { weight: 2, arbitrary: any(fc.constantFrom(...RAW_SEGMENTS).map((s) => new RawSegment(s))) },
    { weight: 2, arbitrary: any(hostileString.filter((s) => s.length > 0 && s.length < 4_000)) },
    { weight: 1, arbitrary: any(fc.integer({ min: -3, max: 3_000_000_000 })) },
  );
}

/** The text of a segment as it goes on the wire. */
export function segmentText(h: Hostile | RawSegment, resolve: Resolver): string {
  if (h instanceof RawSegment) return h.text;
  const v = h instanceof Ref ? resolve(h) : h;
  return encodeSegment(typeof v === 'string' ? v : jsonText(v, resolve));
}

/** An optional query string of vocabulary and hostile keys. */
export const query: fc.Arbitrary<[string, Hostile][] | null> = fc.option(
  fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom('limit', 'before', 'galaxy', 'system', 'page', '__proto__', 'constructor'), hostileString),
      fc.oneof(fc.integer({ min: -1, max: 300 }), hostileNumber, hostileString),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  { freq: 3 },
);

export function queryText(q: [string, Hostile][] | null, resolve: Resolver): string {
  if (!q) return '';
  return `?${q.map(([k, v]) => `${encodeSegment(k)}=${segmentText(v, resolve)}`).join('&')}`;
}

/** Latin-1 text Node accepts in a header value (tab, printable ASCII, 0x80-0xff). */
const headerJunk = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)),
  maxLength: 64,
});

export type AuthChoice = 'own' | 'foreign' | 'none' | string;

export interface HostileHeaders {
  contentType: string | null;
  auth: AuthChoice;
  requestId: string | null;
  idempotencyKey: string | null;
  contentEncoding: string | null;
  origin: string | null;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16le',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'application/json;;;',
  '*/*',
  'application/',
  'APPLICATION/JSON',
  '',
];
const AUTH_JUNK = [
  'Bearer',
  'Bearer ',
  'Bearer a.b.c',
  'Basic dXNlcjpwYXNz',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
  'bearer  x y',
  `Bearer ${'x'.repeat(6_000)}`,
];

const hostileHeaders: fc.Arbitrary<HostileHeaders> = fc.record({
  contentType: fc.oneof(
    { weight: 4, arbitrary: fc.constant('application/json') },
    { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: headerJunk },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  auth: fc.oneof(
    { weight: 6, arbitrary: fc.constant('own') },
    { weight: 1, arbitrary: fc.constantFrom('foreign', 'none', ...AUTH_JUNK) },
    { weight: 1, arbitrary: headerJunk },
  ),
  requestId: fc.option(
    fc.oneof({ weight: 4, arbitrary: headerJunk }, { weight: 1, arbitrary: fc.integer({ min: 100, max: 12_000 }).map((n) => 'r'.repeat(n)) }),
    { freq: 2 },
  ),
  idempotencyKey: fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:-]{8,16}$/), headerJunk, fc.constant('k'.repeat(129))), { freq: 2 }),
  contentEncoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-junk', 'gzip, gzip'), { freq: 8 }),
  origin: fc.option(fc.constantFrom('http://evil.example', 'null', 'file://', 'http://\u00ff\u00fe.example'), { freq: 8 }),
});

/** Headers a well-behaved client sends (so the body and params reach the handlers), or hostile ones. */
export const headers: fc.Arbitrary<HostileHeaders> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      contentType: fc.constant('application/json'),
      auth: fc.constant<AuthChoice>('own'),
      requestId: fc.constant(null),
      idempotencyKey: fc.option(fc.stringMatching(/^[A-Za-z0-9_.:-]{8,16}$/), { freq: 3 }),
      contentEncoding: fc.constant(null),
      origin: fc.constant(null),
    }),
  },
  { weight: 2, arbitrary: hostileHeaders },
);
