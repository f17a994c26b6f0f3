// Field vocabulary shared by the REST and socket fuzzers: per field name, values that are right
// (real ids, real building names, the fuzz client's next seq…) and values that are almost right
// or hostile. Right values get inputs past the schemas into the handlers.
import fc from 'fast-check';
import { BUILDINGS, COMMAND_TYPES, MISSIONS, RESEARCH, SHIPS, UNITS, commandPayloadSchemas, type CommandType } from '@starhold/common';
import { HObject, Ref, entriesOf, hostileNumber, hostileString, hostileTree, nearlyValid, type Hostile, type Vocabulary } from './hostile-json.js';

/** Pools of live values the resolver knows (support/live-pools.ts). */
export type Pool =
  | 'ownPlanet'
  | 'foreignPlanet'
  | 'ownBuildingItem'
  | 'ownResearchItem'
  | 'foreignItem'
  | 'ownFleet'
  | 'foreignFleet'
  | 'clientId'
  | 'nextSeq'
  | 'lastSeq'
  | 'ownToken'
  | 'foreignToken'
  | 'ownRefresh';

export const ref = (...pools: Pool[]): fc.Arbitrary<Hostile> => fc.tuple(fc.constantFrom(...pools), fc.nat(1_000)).map(([p, i]) => new Ref(p, i));
const obj = <T extends Record<string, Hostile>>(a: fc.Arbitrary<T>): fc.Arbitrary<Hostile> => a.map((r) => new HObject(Object.entries(r)));
const amounts = (max: number) =>
  obj(fc.record({ metal: fc.integer({ min: 0, max }), crystal: fc.integer({ min: 0, max }), deuterium: fc.integer({ min: 0, max }) }));

/** Values a well-behaved client could send, by field name. */
export const RIGHT: Vocabulary = {
  planetId: ref('ownPlanet', 'ownPlanet', 'ownPlanet', 'foreignPlanet'),
  queueItemId: ref('ownBuildingItem', 'ownBuildingItem', 'ownResearchItem', 'foreignItem'),
  fleetId: ref('ownFleet', 'ownFleet', 'foreignFleet'),
  building: fc.constantFrom(...BUILDINGS),
  research: fc.constantFrom(...RESEARCH),
  unit: fc.constantFrom(...UNITS),
  count: fc.integer({ min: 1, max: 20 }),
  clientSeed: fc.string({ minLength: 1, maxLength: 16 }),
  ships: obj(fc.dictionary(fc.constantFrom(...SHIPS), fc.integer({ min: 0, max: 5 }), { minKeys: 1, maxKeys: 3 })),
  target: obj(
    fc.record({ galaxy: fc.integer({ min: 1, max: 9 }), system: fc.integer({ min: 1, max: 499 }), position: fc.integer({ min: 1, max: 15 }) }),
  ),
  mission: fc.constantFrom(...MISSIONS),
  speed: fc.constantFrom(10, 20, 30, 40, 50, 60, 70, 80, 90, 100),
  cargo: amounts(2_000),
  clientId: ref('clientId'),
  seq: ref('nextSeq', 'nextSeq', 'nextSeq', 'lastSeq'),
  type: fc.constantFrom(...COMMAND_TYPES),
  username: fc.stringMatching(/^[A-Za-z0-9_-]{3,20}$/),
  password: fc.string({ minLength: 8, maxLength: 40 }),
  refreshToken: ref('ownRefresh'),
  token: ref('ownToken', 'ownToken', 'foreignToken'),
  clientTime: fc.integer({ min: 0, max: 2 ** 48 }),
  lastSeq: fc.integer({ min: 0, max: 50 }),
};

/** Almost right or hostile values, by field name (anything else: hostile JSON). */
const WRONG: Vocabulary = {
  planetId: fc.oneof(fc.integer({ min: -2, max: 5 }), hostileNumber),
  queueItemId: fc.oneof(fc.integer({ min: -2, max: 5 }), hostileNumber),
  fleetId: fc.oneof(fc.integer({ min: -2, max: 5 }), hostileNumber),
  count: fc.oneof(fc.constantFrom(0, -1, 1_000_001, 2 ** 31), hostileNumber),
  ships: obj(
    fc.dictionary(fc.oneof(fc.constantFrom(...SHIPS), hostileString), fc.oneof(fc.integer({ min: -2, max: 2 ** 40 }), hostileNumber), {
      maxKeys: 40,
    }),
  ),
  target: obj(fc.record({ galaxy: hostileNumber, system: fc.integer({ min: -1, max: 100_000 }), position: fc.integer({ min: -1, max: 100 }) })),
  speed: fc.oneof(fc.constantFrom(0, 5, 55, 110), hostileNumber),
  cargo: obj(fc.record({ metal: hostileNumber, crystal: fc.integer({ min: -1, max: 2 ** 53 }), deuterium: fc.constant(0) })),
  seq: hostileNumber,
  clientTime: hostileNumber,
  lastSeq: hostileNumber,
};

/** Right values mostly, wrong ones sometimes. */
export const VOCABULARY: Vocabulary = Object.fromEntries(
  Object.entries(RIGHT).map(([k, right]) => [k, fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: WRONG[k] ?? hostileString })]),
);

export const tree = hostileTree(VOCABULARY);

/** The fields a command type's payload schema declares. */
export function payloadFields(type: CommandType): string[] {
  const schema = commandPayloadSchemas[type] as unknown as { shape?: Record<string, unknown> };
  if (!schema.shape) throw new Error(`payload schema of ${type} is not an object: teach the fuzz its fields`);
  return Object.keys(schema.shape);
}

const ENVELOPE_FIELDS = ['clientId', 'seq', 'type', 'payload'];

/** An envelope of `type` a client could send: right values only (rule rejections still happen). */
export function wellFormedEnvelope(type: CommandType): fc.Arbitrary<Hostile> {
  const payload = entriesOf(payloadFields(type), RIGHT, tree).map((entries) => new HObject(entries));
  return fc.tuple(RIGHT.clientId!, RIGHT.seq!, payload).map(
    ([c, s, p]) =>
      new HObject([
        ['clientId', c],
        ['seq', s],
        ['type', type],
        ['payload', p],
      ]),
  );
}

/** A command envelope of any type: well formed, with one thing wrong, or hostile JSON. */
export const envelope: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 1, arbitrary: tree },
  { weight: 3, arbitrary: fc.constantFrom(...COMMAND_TYPES).chain(wellFormedEnvelope) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(...COMMAND_TYPES).chain((type) =>
      nearlyValid(
        ENVELOPE_FIELDS,
        {
          ...VOCABULARY,
          type: fc.oneof({ weight: 5, arbitrary: fc.constant(type) }, { weight: 1, arbitrary: hostileString }),
          payload: fc.oneof({ weight: 5, arbitrary: nearlyValid(payloadFields(type), VOCABULARY, tree) }, { weight: 1, arbitrary: tree }),
        },
        tree,
      ),
    ),
  },
);
