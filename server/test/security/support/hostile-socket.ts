// Hostile Socket.IO input: event arguments (JSON, binary, huge), with or without an ack
// callback, raw engine.io packets that bypass the client's encoder, and handshake `auth` objects.
import fc from 'fast-check';
import type { ClientToServerEvents, CommandType } from '@starhold/common';
import { HObject, deep, hostileString, longString, nearlyValid, type Hostile } from './hostile-json.js';
import { RIGHT, VOCABULARY, envelope, payloadFields, tree, wellFormedEnvelope } from './vocabulary.js';

/** One argument of an emitted event: hostile JSON (refs resolved when sent) or raw bytes. */
export type SocketArg = { json: Hostile } | { bytes: Buffer };

/**
 * Events whose handler answers through the ack callback when one is given. A new inbound event
 * must be added here (the Record makes that a compile error); events without an answer are
 * fuzzed too, but nothing is waited for.
 */
export const ANSWERS: Record<keyof ClientToServerEvents, boolean> = {
  command: true,
  'auth:refresh': true,
  'ping:rtt': true,
  'presence:idle': false,
  'presence:active': false,
};

const json = (a: fc.Arbitrary<Hostile>): fc.Arbitrary<SocketArg> => a.map((h) => ({ json: h }));

const generic: fc.Arbitrary<SocketArg> = fc.oneof(
  { weight: 5, arbitrary: json(tree) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((a) => ({ bytes: Buffer.from(a) })) },
  {
    weight: 1,
    arbitrary: json(
      fc.oneof<fc.Arbitrary<Hostile>[]>(
        longString,
        deep,
        fc.tuple(fc.constantFrom('token', 'clientTime'), longString).map(([k, v]) => new HObject([[k, v]])),
      ),
    ),
  },
);

/** The payload an event's handler expects, nearly: envelopes for `command`, `{token}`, `{clientTime}`. */
const FIELDS: Partial<Record<keyof ClientToServerEvents, string[]>> = { 'auth:refresh': ['token'], 'ping:rtt': ['clientTime'] };

export function argsFor(event: string): fc.Arbitrary<SocketArg[]> {
  const first: fc.Arbitrary<SocketArg> =
    event === 'command'
      ? fc.oneof({ weight: 4, arbitrary: json(envelope) }, { weight: 1, arbitrary: generic })
      : FIELDS[event as keyof ClientToServerEvents]
        ? fc.oneof(
            { weight: 3, arbitrary: json(nearlyValid(FIELDS[event as keyof ClientToServerEvents]!, VOCABULARY, tree)) },
            { weight: 2, arbitrary: generic },
          )
        : generic;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<SocketArg[]>([]) },
    { weight: 6, arbitrary: first.map((a) => [a]) },
    { weight: 1, arbitrary: fc.tuple(first, generic, fc.option(generic, { nil: undefined })).map(([x, y, z]) => (z ? [x, y, z] : [x, y])) },
  );
}

/** `command` envelopes of one type: well formed, or with one thing wrong. */
export function commandOf(type: CommandType): fc.Arbitrary<Hostile> {
  return fc.oneof(
    { weight: 2, arbitrary: wellFormedEnvelope(type) },
    {
      weight: 3,
      arbitrary: nearlyValid(
        ['clientId', 'seq', 'type', 'payload'],
        {
          ...VOCABULARY,
          type: fc.constant(type),
          payload: nearlyValid(payloadFields(type), VOCABULARY, tree),
        },
        tree,
      ),
    },
  );
}

/**
 * Raw Socket.IO packets written straight to the engine (after the engine's `4` message type):
 * events with broken or deep JSON, unknown packet types, bogus ack ids and namespaces.
 */
export const rawPacket: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2',
    '2[',
    '2["command"',
    '2{}',
    '2[]',
    '2[1]',
    '2[null]',
    '2["command",',
    '99',
    '7',
    '2/nope,["command",{}]',
    '0{"token":1}',
    '1',
    '299999999999999999999["command",{}]',
    '2-1["ping:rtt",{}]',
    '5',
    '6',
    '2["__proto__",{}]',
    '2["constructor"]',
    '2["hasOwnProperty"]',
  ),
  deep.map((d) => `2["command",${'['.repeat(d.depth)}${']'.repeat(d.depth)}]`),
  hostileString.map((s) => `2${JSON.stringify(['command', s])}`),
  fc.string({ maxLength: 64 }).map((s) => `2${s}`),
);

/** A handshake `auth`: right-ish token/clientId/lastSeq with one thing wrong, or anything. */
export const handshakeAuth: fc.Arbitrary<Hostile> = fc.oneof(
  {
    weight: 3,
    arbitrary: nearlyValid(['token', 'clientId', 'lastSeq'], { ...VOCABULARY, clientId: fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/) }, tree),
  },
  { weight: 1, arbitrary: fc.record({ token: RIGHT.token!, clientId: hostileString }).map((r) => new HObject(Object.entries(r))) },
  { weight: 1, arbitrary: tree },
);
