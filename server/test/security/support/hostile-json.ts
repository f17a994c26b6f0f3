// fast-check arbitraries for hostile JSON: deep nesting, numbers JavaScript cannot hold,
// NaN-ish strings, prototype keys, NUL and lone surrogates, wrong types, very long strings.
// Values are kept symbolic (Ref, RawNumber, HObject) until they are sent, so that references
// to live ids resolve against the current database state and `__proto__` stays an own key.
import fc from 'fast-check';

/** A live id or session value, resolved when the input is sent (pools change as the fuzz runs). */
export class Ref {
  constructor(
    readonly pool: string,
    readonly index: number,
  ) {}
}
/** A number written literally in JSON text (`1e999`, 30 digits…), beyond what a JS number holds. */
export class RawNumber {
  constructor(readonly text: string) {}
}
/** An object as ordered entries, so keys like `__proto__` are plain own keys. */
export class HObject {
  constructor(readonly entries: [string, Hostile][]) {}
}
/** `depth` levels of `[` (or `{"a":`) around a leaf: JSON text only. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly objects: boolean,
  ) {}
}
export type Hostile = null | boolean | number | string | Ref | RawNumber | HObject | Deep | Hostile[];

export type Resolver = (ref: Ref) => Hostile;

const LONG = (n: number, unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ude00y',
  '\ud83d\ude00',
  '\u202e\u202d',
  '\ufeff',
  '\uffff',
  '\u0085',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x1f',
  '1_000',
  ' 42',
  '42 ',
  '+1',
  '٣',
  '１２',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../../../etc/passwd',
  '..',
  '%00',
  '%zz',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '"; drop table player; --',
  '${7*7}',
  '{{7*7}}',
  '\\',
  '\r\n',
  '\t',
  'metalMine\u0000',
];

/** Any UTF-16 code unit, so NUL, controls and unpaired surrogates all occur. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Short hostile strings (the long ones are `longString`, kept apart so bodies stay mostly within the size limit). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: codeUnit, maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 65, max: 300 }), fc.constantFrom('x', '\u0000', '\ud800', 'é')).map(([n, u]) => LONG(n, u)) },
);

/** Strings from 1 000 to 60 000 code units: ASCII ones fit the 64 KiB body limit, escaped ones may not. */
export const longString: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.constantFrom('x', 'x', 'x', '\u0000', '\ud800', 'é', '😀'))
  .map(([n, u]) => LONG(n, u));

/** Nesting from 50 to 20 000 levels. */
export const deep: fc.Arbitrary<Deep> = fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean()).map(([d, o]) => new Deep(d, o));

const RAW_NUMBERS = [
  '1e999',
  '-1e999',
  '123456789012345678901234567890',
  '-0',
  '1E400',
  '0.0000000000000000000000000001',
  '1e-400',
  '9007199254740993',
];

export const hostileNumber: fc.Arbitrary<number | RawNumber> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    1.5,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    2 ** 53 - 1,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    1e15,
    1e16,
    1e308,
    -1e308,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...RAW_NUMBERS).map((t) => new RawNumber(t)),
);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then'];

export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTO_KEYS), hostileString);

export const hostileLeaf: fc.Arbitrary<Hostile> = fc.oneof(fc.constant(null), fc.boolean(), hostileNumber, hostileString);

/** Field name → values that are right or nearly right for it (valid ids, real building names…). */
export type Vocabulary = Record<string, fc.Arbitrary<Hostile>>;

/**
 * Hostile JSON trees. Objects draw their keys from the vocabulary half of the time (so inputs
 * often get past the first checks), from prototype keys and random strings otherwise.
 */
export function hostileTree(vocab: Vocabulary): fc.Arbitrary<Hostile> {
  const known = Object.keys(vocab);
  const { node } = fc.letrec<{ node: Hostile; obj: Hostile; arr: Hostile }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', maxDepth: 4 }, hostileLeaf, tie('arr'), tie('obj')),
    arr: fc.array(tie('node'), { maxLength: 5 }),
    obj: fc
      .array(
        fc.oneof(
          fc.tuple(hostileKey, tie('node')),
          fc
            .constantFrom(...known)
            .chain((k) => fc.tuple(fc.constant(k), fc.oneof({ weight: 3, arbitrary: vocab[k]! }, { weight: 1, arbitrary: tie('node') }))),
        ),
        { maxLength: 6 },
      )
      .map((entries) => new HObject(entries)),
  }));
  return node;
}

/** Entries for `fields`, each value from the field's vocabulary (or any hostile JSON). */
export function entriesOf(fields: readonly string[], vocab: Vocabulary, tree: fc.Arbitrary<Hostile>): fc.Arbitrary<[string, Hostile][]> {
  const entry = (k: string) => (vocab[k] ?? tree).map((v): [string, Hostile] => [k, v]);
  return fc.tuple(...fields.map(entry)) as unknown as fc.Arbitrary<[string, Hostile][]>;
}

/**
 * An object with the given fields, right-ish (vocabulary) values, and half of the time exactly
 * one thing wrong: a field hostile, a field missing, or an extra key. Near-valid inputs reach
 * past the schema into the handlers, which is where storage and rule errors live.
 */
export function nearlyValid(fields: readonly string[], vocab: Vocabulary, tree: fc.Arbitrary<Hostile>): fc.Arbitrary<Hostile> {
  const right = entriesOf(fields, vocab, tree);
  const replacement = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ drop: true as const }) },
    { weight: 3, arbitrary: tree.map((value) => ({ value })) },
  );
  const flaw = fc.option(
    fc.record({
      at: fc.nat(Math.max(0, fields.length - 1)),
      replacement,
      extra: fc.option(fc.tuple(hostileKey, tree), { freq: 2 }),
    }),
    { freq: 2 },
  );
  return fc.tuple(right, flaw).map(([entries, f]) => {
    if (f === null) return new HObject(entries);
    const out = entries.flatMap((e, i): [string, Hostile][] => (i !== f.at ? [e] : 'drop' in f.replacement ? [] : [[e[0], f.replacement.value]]));
    return new HObject(f.extra ? [...out, f.extra] : out);
  });
}

function textOf(h: Hostile, resolve: Resolver): string {
  if (h instanceof Ref) return textOf(resolve(h), resolve);
  if (h instanceof RawNumber) return h.text;
  if (h instanceof Deep) return (h.objects ? '{"a":' : '[').repeat(h.depth) + '1' + (h.objects ? '}' : ']').repeat(h.depth);
  if (h instanceof HObject) return `{${h.entries.map(([k, v]) => `${JSON.stringify(k)}:${textOf(v, resolve)}`).join(',')}}`;
  if (Array.isArray(h)) return `[${h.map((v) => textOf(v, resolve)).join(',')}]`;
  return JSON.stringify(h) ?? 'null'; // -0, NaN-free numbers, strings (lone surrogates as \\uXXXX escapes)
}

/** JSON text of a hostile value (refs resolved). */
export function jsonText(h: Hostile, resolve: Resolver): string {
  return textOf(h, resolve);
}

/** A plain JS value (for Socket.IO, which serialises with JSON.stringify): prototype keys become own properties. */
export function plainValue(h: Hostile, resolve: Resolver): unknown {
  if (h instanceof Ref) return plainValue(resolve(h), resolve);
  if (h instanceof RawNumber) return Number(h.text);
  if (h instanceof Deep) {
    let v: unknown = 1;
    for (let i = 0; i < Math.min(h.depth, 1_000); i++) v = h.objects ? { a: v } : [v];
    return v;
  }
  if (h instanceof HObject) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of h.entries)
      Object.defineProperty(o, k, { value: plainValue(v, resolve), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (Array.isArray(h)) return h.map((v) => plainValue(v, resolve));
  return h;
}
