// Every HTTP route the server has, as documentation. server/test/ops/openapi.test.ts compares this
// list with the router: a route added without an entry here (or an entry without its route)
// fails the test. Request schemas are the ones the routes parse with.
import { z } from 'zod';
import { ErrorCode, commandEnvelopeSchema, commandPayloadSchemas, restResponseSchemas } from '@starhold/common';
import { loginBody, refreshBody, registerBody } from '../../modules/auth/schemas.js';
import { idParam } from '../../modules/planets/routes.js';
import { historyQuery } from '../../modules/wheel/routes.js';
import { pathId } from '../params.js';
import { FLEET_OPERATIONS } from './operations-fleets.js';
import type { OperationDoc } from './operation.js';
import * as R from './schemas.js';

export type { HttpMethod, OperationDoc } from './operation.js';

const E = ErrorCode;
const name = z.string().min(1).max(64);
const planetAndName = (key: string) => z.object({ id: pathId, [key]: name });

const AUTH: OperationDoc[] = [
  {
    method: 'post',
    path: '/api/v1/auth/register',
    tag: 'auth',
    auth: false,
    body: registerBody,
    summary: 'Create an account with a home planet and sign in',
    description: 'Limited per client IP (STARHOLD_AUTH_RATE_LIMIT per minute, shared with login).',
    success: { status: 201, description: 'The new session' },
    errors: [E.USERNAME_TAKEN, E.RATE_LIMITED],
  },
  {
    method: 'post',
    path: '/api/v1/auth/login',
    tag: 'auth',
    auth: false,
    body: loginBody,
    summary: 'Sign in with username and password',
    description:
      'Limited per client IP (shared with register), and failed attempts per username and client IP and, from devices without a valid `deviceToken`, per username (docs/security.md, "Login limits").',
    success: { status: 200, description: 'A new session' },
    errors: [E.INVALID_CREDENTIALS, E.BANNED, E.RATE_LIMITED],
  },
  {
    method: 'post',
    path: '/api/v1/auth/refresh',
    tag: 'auth',
    auth: false,
    body: refreshBody,
    summary: 'Trade a refresh token for a new session (the old token is used up)',
    description: 'Limited per client IP (STARHOLD_AUTH_RATE_LIMIT per minute, shared with logout; a budget apart from login and register).',
    success: { status: 200, description: 'A new session' },
    errors: [E.INVALID_REFRESH_TOKEN, E.BANNED, E.RATE_LIMITED],
  },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    tag: 'auth',
    auth: false,
    body: refreshBody,
    summary: "Revoke the refresh token's session family (sign out this installation)",
    description: 'Limited like refresh.',
    success: { status: 204, description: 'Signed out (also for an unknown token)' },
    errors: [E.RATE_LIMITED],
  },
];

const GAME: OperationDoc[] = [
  {
    method: 'get',
    path: '/api/v1/me',
    tag: 'game',
    auth: true,
    summary: 'The signed-in player and their planets',
    success: { status: 200, description: 'Player and planet list' },
  },
  {
    method: 'get',
    path: '/api/v1/planets/:id',
    tag: 'game',
    auth: true,
    params: idParam,
    summary: "One of the player's planets, settled up to now",
    success: { status: 200, description: 'The planet' },
    errors: [E.NOT_FOUND],
  },
  {
    method: 'post',
    path: '/api/v1/planets/:id/buildings/:building/upgrade',
    tag: 'game',
    auth: true,
    params: planetAndName('building'),
    idempotent: true,
    commandLimited: true,
    summary: 'Queue a building upgrade (command `buildings.upgrade`)',
    success: { status: 202, description: 'Queued' },
    errors: [E.NOT_FOUND, E.UNKNOWN_BUILDING, E.INSUFFICIENT_RESOURCES, E.QUEUE_FULL, E.REQUIREMENTS_NOT_MET],
  },
  {
    method: 'delete',
    path: '/api/v1/planets/:id/queue/:itemId',
    tag: 'game',
    auth: true,
    params: z.object({ id: pathId, itemId: pathId }),
    idempotent: true,
    commandLimited: true,
    summary: 'Cancel a queued building (command `buildings.cancel`); costs are refunded',
    success: { status: 200, description: 'Cancelled' },
    errors: [E.NOT_FOUND],
  },
  {
    method: 'post',
    path: '/api/v1/planets/:id/research/:research/start',
    tag: 'game',
    auth: true,
    params: planetAndName('research'),
    idempotent: true,
    commandLimited: true,
    summary: 'Start a research on a planet (command `research.start`)',
    success: { status: 202, description: 'Queued' },
    errors: [E.NOT_FOUND, E.UNKNOWN_RESEARCH, E.INSUFFICIENT_RESOURCES, E.RESEARCH_BUSY, E.REQUIREMENTS_NOT_MET, E.QUEUE_FULL],
  },
  {
    method: 'delete',
    path: '/api/v1/research/queue/:itemId',
    tag: 'game',
    auth: true,
    params: z.object({ itemId: pathId }),
    idempotent: true,
    commandLimited: true,
    summary: 'Cancel the running research (command `research.cancel`); costs are refunded',
    success: { status: 200, description: 'Cancelled' },
    errors: [E.NOT_FOUND],
  },
  {
    method: 'get',
    path: '/api/v1/research',
    tag: 'game',
    auth: true,
    summary: 'Research levels, queue and catalogue',
    success: { status: 200, description: 'Research overview' },
  },
  {
    method: 'post',
    path: '/api/v1/commands',
    tag: 'commands',
    auth: true,
    body: commandEnvelopeSchema,
    commandLimited: true,
    commandPipeline: true,
    summary: "Run a command (the same pipeline as the socket's `command` event)",
    description:
      'The payload schema depends on `type`: see the `Command.<type>` schemas. Per client id, `seq` must grow by one: ' +
      'an old seq answers `duplicate` with the stored outcome, a skipped one `gap` (409). A rule rejection is 422 with a `rejected` outcome.',
    success: { status: 200, description: '`applied` or `duplicate`', schema: R.commandOutcome },
    alsoReturns: [
      { status: 409, description: '`gap`: the seq skipped ahead; resend from `expected`', schema: R.commandOutcome },
      { status: 422, description: '`rejected`: a game rule said no (codes below)', schema: R.commandOutcome },
    ],
    errors: [E.NOT_FOUND, E.UNKNOWN_COMMAND],
  },
  {
    method: 'get',
    path: '/api/v1/presence',
    tag: 'game',
    auth: true,
    summary: 'Players online or away',
    success: { status: 200, description: 'Presence list' },
  },
];

const WHEEL: OperationDoc[] = [
  {
    method: 'get',
    path: '/api/v1/wheel',
    tag: 'wheel',
    auth: true,
    summary: 'Lucky wheel status: cost, odds, cooldown, current commitment',
    success: { status: 200, description: 'Wheel status' },
  },
  {
    method: 'post',
    path: '/api/v1/wheel/spin',
    tag: 'wheel',
    auth: true,
    body: commandPayloadSchemas['wheel.spin'],
    idempotent: true,
    commandLimited: true,
    summary: 'Spin the wheel (command `wheel.spin`); provably fair, see docs/lucky-wheel.md',
    success: { status: 200, description: 'The spin result' },
    errors: [E.NOT_FOUND, E.INSUFFICIENT_RESOURCES, E.WHEEL_COOLDOWN],
  },
  {
    method: 'post',
    path: '/api/v1/wheel/rotate-seed',
    tag: 'wheel',
    auth: true,
    commandLimited: true,
    summary: 'Reveal the current server seed and commit to a new one',
    success: { status: 200, description: 'The revealed seed and the new commitment' },
  },
  {
    method: 'get',
    path: '/api/v1/wheel/history',
    tag: 'wheel',
    auth: true,
    query: historyQuery,
    summary: 'Past spins, newest first, with revealed seeds',
    success: { status: 200, description: 'A page of spins' },
  },
];

const OPS: OperationDoc[] = [
  {
    method: 'get',
    path: '/api/v1/health',
    tag: 'operations',
    auth: false,
    summary: 'Liveness and database health',
    success: { status: 200, description: 'Healthy' },
    alsoReturns: [{ status: 503, description: 'Degraded: the database is unreachable', schema: restResponseSchemas['GET /api/v1/health'] }],
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    auth: false,
    summary: 'Prometheus metrics of this node (text exposition format)',
    description:
      'Not for the public internet: block /metrics at the reverse proxy (docs/operations.md). When the server sets STARHOLD_METRICS_TOKEN, send it as `Authorization: Bearer <token>`.',
    success: { status: 200, description: 'Metrics', contentType: 'text/plain; version=0.0.4' },
    errors: [E.UNAUTHENTICATED],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'operations',
    auth: false,
    summary: 'This OpenAPI 3.1 document',
    success: { status: 200, description: 'The document', schema: R.jsonObject },
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'operations',
    auth: false,
    summary: 'Browsable API documentation (renders /api/openapi.json)',
    success: { status: 200, description: 'HTML page', contentType: 'text/html' },
  },
  {
    method: 'get',
    path: '/api/docs/docs.js',
    tag: 'operations',
    auth: false,
    summary: 'Script of the documentation page',
    success: { status: 200, description: 'JavaScript', contentType: 'text/javascript' },
  },
  {
    method: 'get',
    path: '/api/docs/docs.css',
    tag: 'operations',
    auth: false,
    summary: 'Style sheet of the documentation page',
    success: { status: 200, description: 'CSS', contentType: 'text/css' },
  },
];

/** Every documented operation. Add a route's entry next to its siblings. */
export const OPERATIONS: OperationDoc[] = [...AUTH, ...GAME, ...WHEEL, ...FLEET_OPERATIONS, ...OPS];
