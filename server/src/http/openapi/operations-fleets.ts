// Shipyard, fleets, galaxy and reports routes, as documentation (see operations.ts). The schemas
// mirror the ones in the route files (modules/shipyard|fleets|reports/routes.ts): keep them equal.
import { z } from 'zod';
import { ErrorCode, fleetDispatchSchema } from '@starhold/common';
import { pathId } from '../params.js';
import { idParam } from '../../modules/planets/routes.js';
import { listQuery } from '../../modules/reports/routes.js';
import { buildBody } from '../../modules/shipyard/routes.js';
import type { OperationDoc } from './operation.js';

const E = ErrorCode;
const fleetRules = [
  E.NOT_FOUND,
  E.UNKNOWN_UNIT,
  E.NOT_ENOUGH_SHIPS,
  E.INVALID_TARGET,
  E.INVALID_MISSION,
  E.NOT_ENOUGH_FUEL,
  E.CARGO_EXCEEDED,
  E.TOO_MANY_PLANETS,
];

export const FLEET_OPERATIONS: OperationDoc[] = [
  {
    method: 'get',
    path: '/api/v1/planets/:id/shipyard',
    tag: 'shipyard',
    auth: true,
    params: idParam,
    summary: "The planet's shipyard: orders, and per unit its cost, build time, missing requirements and limit",
    success: { status: 200, description: 'Shipyard view' },
    errors: [E.NOT_FOUND],
  },
  {
    method: 'post',
    path: '/api/v1/planets/:id/shipyard',
    tag: 'shipyard',
    auth: true,
    params: idParam,
    body: buildBody,
    idempotent: true,
    commandLimited: true,
    summary: 'Order ships or defences (command `shipyard.build`); paid at once',
    success: { status: 202, description: 'The order' },
    errors: [E.NOT_FOUND, E.UNKNOWN_UNIT, E.INSUFFICIENT_RESOURCES, E.REQUIREMENTS_NOT_MET, E.UNIT_LIMIT_REACHED, E.QUEUE_FULL],
  },
  {
    method: 'get',
    path: '/api/v1/fleets',
    tag: 'fleets',
    auth: true,
    summary: "The player's fleets in flight, and announced hostile fleets heading for their planets",
    success: { status: 200, description: 'Fleet list' },
  },
  {
    method: 'post',
    path: '/api/v1/fleets/preview',
    tag: 'fleets',
    auth: true,
    body: fleetDispatchSchema.partial({ mission: true, cargo: true }),
    summary: 'Distance, duration, fuel and capacity of a planned dispatch (writes nothing)',
    success: { status: 200, description: 'The plan' },
    errors: [E.NOT_FOUND, E.UNKNOWN_UNIT, E.INVALID_TARGET],
  },
  {
    method: 'post',
    path: '/api/v1/fleets',
    tag: 'fleets',
    auth: true,
    body: fleetDispatchSchema,
    idempotent: true,
    commandLimited: true,
    summary: 'Send a fleet (command `fleets.send`)',
    success: { status: 202, description: 'The fleet' },
    errors: fleetRules,
  },
  {
    method: 'post',
    path: '/api/v1/fleets/:id/recall',
    tag: 'fleets',
    auth: true,
    params: idParam,
    idempotent: true,
    commandLimited: true,
    summary: 'Turn an outbound fleet around (command `fleets.recall`)',
    success: { status: 200, description: 'The returning fleet' },
    errors: [E.NOT_FOUND, E.FLEET_NOT_RECALLABLE],
  },
  {
    method: 'get',
    path: '/api/v1/galaxy/:galaxy/:system',
    tag: 'galaxy',
    auth: true,
    params: z.object({ galaxy: pathId, system: pathId }),
    summary: 'Every position of a solar system: planet, owner (with presence) and debris',
    success: { status: 200, description: 'System view' },
    errors: [E.NOT_FOUND],
  },
  {
    method: 'get',
    path: '/api/v1/reports/battles',
    tag: 'reports',
    auth: true,
    query: listQuery,
    summary: 'Battle reports of the player, newest first',
    success: { status: 200, description: 'A page of summaries' },
  },
  {
    method: 'get',
    path: '/api/v1/reports/battles/:id',
    tag: 'reports',
    auth: true,
    params: idParam,
    summary: 'One battle report (attacker and defender only)',
    success: { status: 200, description: 'The report' },
    errors: [E.NOT_FOUND],
  },
  {
    method: 'get',
    path: '/api/v1/reports/espionage',
    tag: 'reports',
    auth: true,
    query: listQuery,
    summary: 'Espionage reports of the player, newest first',
    success: { status: 200, description: 'A page of summaries' },
  },
  {
    method: 'get',
    path: '/api/v1/reports/espionage/:id',
    tag: 'reports',
    auth: true,
    params: idParam,
    summary: 'One espionage report (spy and target only)',
    success: { status: 200, description: 'The report' },
    errors: [E.NOT_FOUND],
  },
];
