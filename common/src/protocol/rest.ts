import { z } from 'zod';
import { commandResultSchemas } from './command-results.js';
import {
  battleReportListSchema,
  battleReportViewSchema,
  espionageReportListSchema,
  espionageReportViewSchema,
  fleetListSchema,
  fleetPreviewSchema,
  galaxyViewSchema,
} from './fleets.js';
import { meResponseSchema, planetViewSchema, researchResponseSchema, shipyardResponseSchema } from './planets.js';
import { instantSchema, presenceStatusSchema, idSchema } from './views.js';
import { rotateSeedResponseSchema, wheelHistorySchema, wheelStatusSchema } from './wheel.js';

// REST route → schema of its success body (`METHOD /router/path`). The server's OpenAPI document
// is generated from this map (server/src/http/openapi) and the client's REST calls are typed by it.

export const sessionResponseSchema = z.object({
  player: z.object({ id: idSchema, username: z.string() }),
  accessToken: z.string().describe('JWT for `Authorization: Bearer …`'),
  accessTokenExpiresAt: instantSchema,
  refreshToken: z.string().describe('Single use: each refresh returns a new one'),
  deviceToken: z
    .string()
    .describe('Proof that this device signed in to this username before: send it with later logins (docs/security.md, "Login limits")'),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']).describe('degraded: the database is unreachable (status 503)'),
  db: z.enum(['ok', 'unreachable']),
  node: z.string(),
  uptimeSeconds: z.number().int(),
  time: instantSchema,
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const presenceEntrySchema = z.object({
  playerId: idSchema,
  username: z.string(),
  status: presenceStatusSchema,
  /** When this status began (online/away) or when the last connection closed (offline). */
  lastSeenAt: instantSchema,
});
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;
/** GET /api/v1/presence, and the `presence` message (the changes of one batch window, each player once). */
export const presenceListSchema = z.object({ players: z.array(presenceEntrySchema) });
export type PresenceList = z.infer<typeof presenceListSchema>;

const C = commandResultSchemas;

export const restResponseSchemas = {
  'POST /api/v1/auth/register': sessionResponseSchema,
  'POST /api/v1/auth/login': sessionResponseSchema,
  'POST /api/v1/auth/refresh': sessionResponseSchema,
  'GET /api/v1/me': meResponseSchema,
  'GET /api/v1/planets/:id': planetViewSchema.describe('The planet with resources settled up to now (nothing is written)'),
  'POST /api/v1/planets/:id/buildings/:building/upgrade': C['buildings.upgrade'],
  'DELETE /api/v1/planets/:id/queue/:itemId': C['buildings.cancel'],
  'POST /api/v1/planets/:id/research/:research/start': C['research.start'],
  'DELETE /api/v1/research/queue/:itemId': C['research.cancel'],
  'GET /api/v1/research': researchResponseSchema,
  'GET /api/v1/presence': presenceListSchema,
  'GET /api/v1/wheel': wheelStatusSchema,
  'POST /api/v1/wheel/spin': C['wheel.spin'],
  'POST /api/v1/wheel/rotate-seed': rotateSeedResponseSchema,
  'GET /api/v1/wheel/history': wheelHistorySchema,
  'GET /api/v1/planets/:id/shipyard': shipyardResponseSchema,
  'POST /api/v1/planets/:id/shipyard': C['shipyard.build'],
  'GET /api/v1/fleets': fleetListSchema,
  'POST /api/v1/fleets/preview': fleetPreviewSchema,
  'POST /api/v1/fleets': C['fleets.send'],
  'POST /api/v1/fleets/:id/recall': C['fleets.recall'],
  'GET /api/v1/galaxy/:galaxy/:system': galaxyViewSchema,
  'GET /api/v1/reports/battles': battleReportListSchema,
  'GET /api/v1/reports/battles/:id': battleReportViewSchema,
  'GET /api/v1/reports/espionage': espionageReportListSchema,
  'GET /api/v1/reports/espionage/:id': espionageReportViewSchema,
  'GET /api/v1/health': healthResponseSchema,
} as const;

export type RestRoute = keyof typeof restResponseSchemas;
export type RestResponse<R extends RestRoute> = z.infer<(typeof restResponseSchemas)[R]>;
