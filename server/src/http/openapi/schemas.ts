// Response shapes for the OpenAPI document. Request schemas are the very zod schemas the routes
// parse with; responses are built by view functions, so their documented shape lives here. Keys
// that are not listed are allowed (`.loose()`), so the document never claims a field is absent.
import { z } from 'zod';

const iso = z.string().describe('ISO-8601 UTC timestamp');
const resources = z.object({ metal: z.number(), crystal: z.number(), deuterium: z.number() });
const coords = z.object({ galaxy: z.number().int(), system: z.number().int(), position: z.number().int() });

export const errorResponse = z.object({
  error: z.object({
    code: z.string().describe('A stable code from the ErrorCode list (components.schemas.ErrorCode)'),
    message: z.string().describe('For people; may change'),
    details: z.unknown().optional().describe('Machine-readable extras, per code'),
  }),
});

export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']).describe('degraded: the database is unreachable (status 503)'),
  db: z.enum(['ok', 'unreachable']),
  node: z.string(),
  uptimeSeconds: z.number().int(),
  time: iso,
});

export const sessionResponse = z.object({
  player: z.object({ id: z.number().int(), username: z.string() }),
  accessToken: z.string().describe('JWT for `Authorization: Bearer …`'),
  accessTokenExpiresAt: iso,
  refreshToken: z.string().describe('Single use: each refresh returns a new one'),
  deviceToken: z.string().describe('Keep it per username and send it with later logins from this device: it exempts them from the per-username failure limit'),
});

export const planetSummary = z.object({ id: z.number().int(), name: z.string(), coords }).loose();

export const meResponse = z.object({
  player: z.object({ id: z.number().int(), username: z.string(), createdAt: iso }),
  planets: z.array(planetSummary),
});

export const queueItem = z.object({
  id: z.number().int(), kind: z.string(), target: z.string(), level: z.number().int(), cost: resources,
  queuedAt: iso, startsAt: iso.nullable(), endsAt: iso.nullable(),
}).loose();

export const queuedResponse = z.object({ queueItem, resources }).describe('The queued item and the planet\'s resources after paying');
export const cancelledResponse = z.object({ cancelled: z.array(z.number().int()), resources })
  .describe('Ids of the cancelled items (an item and everything queued after it) and the resources after the refund');

export const planetResponse = planetSummary.extend({
  resources, storage: resources, buildings: z.record(z.string(), z.number().int()), units: z.record(z.string(), z.number().int()),
  production: z.object({}).loose(), energy: z.object({}).loose(),
  queues: z.object({ building: z.array(queueItem) }).loose(), at: iso,
}).loose().describe('The planet with resources settled up to now (nothing is written)');

export const researchResponse = z.object({
  levels: z.record(z.string(), z.number().int()), queue: z.array(queueItem), labPlanetId: z.number().int().nullable(),
  catalogue: z.array(z.object({ id: z.string(), level: z.number().int(), nextCost: resources, nextTimeSeconds: z.number() }).loose()),
}).loose();

export const commandOutcome = z.union([
  z.object({ status: z.literal('applied'), result: z.unknown() }),
  z.object({ status: z.literal('rejected'), error: errorResponse.shape.error }),
  z.object({ status: z.literal('duplicate'), original: z.literal('applied'), result: z.unknown() }),
  z.object({ status: z.literal('duplicate'), original: z.literal('rejected'), error: errorResponse.shape.error }),
  z.object({ status: z.literal('duplicate'), original: z.literal('unknown') })
    .describe('A seq processed so long ago that its answer is no longer kept (command_log retention); it was not run again'),
  z.object({ status: z.literal('gap'), expected: z.number().int().describe('The seq the server expects next') }),
]);

export const presenceResponse = z.object({
  players: z.array(z.object({ playerId: z.number().int(), username: z.string(), status: z.enum(['online', 'away', 'offline']), lastSeenAt: iso })),
});

export const wheelSeedRotation = z.object({ revealedSeed: z.string(), commitment: z.string(), nonce: z.number().int(), newCommitment: z.string() });

/** Anything JSON: for answers whose shape is described in docs/protocol.md rather than here. */
export const jsonObject = z.object({}).loose();
