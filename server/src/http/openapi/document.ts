import { createRequire } from 'node:module';
import { z } from 'zod';
import { COMMAND_TYPES, ErrorCode, commandPayloadSchemas, commandResultSchemas, restResponseSchemas, type RestRoute } from '@starhold/common';
import { ERROR_DOCS, ruleErrorCodes } from './errors-doc.js';
import { OPERATIONS, type OperationDoc } from './operations.js';
import * as R from './schemas.js';

type Json = Record<string, unknown>;

const E = ErrorCode;
const AUTH_ERRORS = [E.UNAUTHENTICATED, E.AUTH_INVALID, E.AUTH_EXPIRED, E.BANNED];
const BODY_ERRORS = [E.VALIDATION_FAILED, E.MALFORMED_JSON, E.UNSUPPORTED_MEDIA_TYPE, E.PAYLOAD_TOO_LARGE];
const ERROR_REF = { $ref: '#/components/schemas/ErrorResponse' };
const OUTCOME_REF = { $ref: '#/components/schemas/CommandOutcome' };

/** A zod schema as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), describing what a client sends. */
export function jsonSchemaOf(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

/** `/api/v1/planets/:id` → `/api/v1/planets/{id}` */
export function openApiPath(routerPath: string): string {
  return routerPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const js = jsonSchemaOf(schema);
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s }));
}

/** The error codes an operation may answer with: its own plus those its traits imply. */
export function errorCodesOf(op: OperationDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>(op.errors ?? []);
  if (op.auth) AUTH_ERRORS.forEach((c) => codes.add(c));
  if (op.params || op.query) codes.add(E.VALIDATION_FAILED);
  if (op.body) BODY_ERRORS.forEach((c) => codes.add(c));
  if (op.commandLimited) codes.add(E.RATE_LIMITED);
  if (op.auth && op.method === 'get') codes.add(E.RATE_LIMITED); // the per-player read budget (requireAuth)
  if (op.idempotent) codes.add(E.IDEMPOTENCY_KEY_REUSED);
  if (op.commandPipeline) ruleErrorCodes().forEach((c) => codes.add(c));
  return [...codes];
}

/** The documented success body: the route's entry of `restResponseSchemas` (common), else the operation's own. */
export function successSchemaOf(op: OperationDoc): z.ZodType | undefined {
  const route = `${op.method.toUpperCase()} ${op.path}`;
  return Object.prototype.hasOwnProperty.call(restResponseSchemas, route) ? restResponseSchemas[route as RestRoute] : op.success.schema;
}

function responsesOf(op: OperationDoc): Json {
  const responses: Record<string, Json> = {};
  const add = (status: number, description: string, content: Json | undefined, codes: ErrorCode[] = []) => {
    const key = String(status);
    const r = (responses[key] ??= { description: '' });
    r.description = r.description ? `${String(r.description)}; ${description}` : description;
    if (content) {
      const media = (r.content ??= {}) as Record<string, { schema: Json }>;
      for (const [type, value] of Object.entries(content)) {
        const prev = media[type]?.schema;
        const next = (value as { schema: Json }).schema;
        media[type] = { schema: prev && JSON.stringify(prev) !== JSON.stringify(next) ? { oneOf: [prev, next] } : next };
      }
    }
    if (codes.length) r['x-error-codes'] = [...((r['x-error-codes'] as ErrorCode[] | undefined) ?? []), ...codes];
    if (codes.includes(E.RATE_LIMITED) || codes.includes(E.WHEEL_COOLDOWN)) {
      r.headers = { 'Retry-After': { description: 'Seconds until a retry can succeed', schema: { type: 'integer', minimum: 1 } } };
    }
  };
  const s = op.success;
  const schema = successSchemaOf(op);
  const successContent = schema
    ? { [s.contentType ?? 'application/json']: { schema: jsonSchemaOf(schema) } }
    : s.contentType
      ? { [s.contentType]: { schema: { type: 'string' } } }
      : undefined;
  add(s.status, s.description, successContent);
  for (const extra of op.alsoReturns ?? [])
    add(extra.status, extra.description, extra.schema ? { 'application/json': { schema: jsonSchemaOf(extra.schema) } } : undefined);

  const byStatus = new Map<number, ErrorCode[]>();
  const outcomes = op.commandPipeline === true;
  for (const code of errorCodesOf(op)) {
    const status = ERROR_DOCS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const asOutcome = outcomes && (status === 422 || status === 404);
    add(status, codes.join(', '), { 'application/json': { schema: asOutcome ? OUTCOME_REF : ERROR_REF } }, codes);
  }
  return responses;
}

function bodySchemaOf(op: OperationDoc, body: z.ZodType): Json {
  return op.commandPipeline ? { $ref: '#/components/schemas/CommandRequest' } : jsonSchemaOf(body);
}

function operationOf(op: OperationDoc): Json {
  const parameters = [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')];
  if (op.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Repeating a request with the same key returns the first outcome (header `Idempotent-Replayed: true`) instead of acting twice',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
    });
  }
  const id = `${op.method}${openApiPath(op.path)
    .replace(/[{}]/g, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')}`;
  return {
    operationId: id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.auth ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchemaOf(op, op.body) } } } } : {}),
    responses: responsesOf(op),
  };
}

function componentSchemas(): Record<string, Json> {
  const schemas: Record<string, Json> = {
    ErrorResponse: jsonSchemaOf(R.errorResponse),
    ErrorCode: {
      type: 'string',
      enum: Object.values(ErrorCode),
      description: "Stable error codes (REST bodies, command outcomes and socket acks). `x-codes` gives each one's REST status and meaning.",
      'x-codes': Object.fromEntries(Object.values(ErrorCode).map((c) => [c, ERROR_DOCS[c] ?? null])),
    },
    CommandOutcome: jsonSchemaOf(R.commandOutcome),
  };
  const variants: Json[] = [];
  for (const type of COMMAND_TYPES) {
    schemas[`Command.${type}`] = jsonSchemaOf(commandPayloadSchemas[type]);
    schemas[`CommandResult.${type}`] = jsonSchemaOf(commandResultSchemas[type]);
    variants.push({
      type: 'object',
      required: ['clientId', 'seq', 'type', 'payload'],
      properties: {
        clientId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
        seq: { type: 'integer', minimum: 1 },
        type: { const: type },
        payload: { $ref: `#/components/schemas/Command.${type}` },
      },
    });
  }
  schemas.CommandRequest = {
    oneOf: variants,
    description: 'A command envelope, by type (the body of POST /api/v1/commands and of the socket `command` event)',
  };
  return schemas;
}

const DESCRIPTION = [
  'The Starhold game server API. Every error is `{"error": {"code", "message", "details?"}}` with a stable `code`',
  '(see the ErrorCode schema). Any route may also answer ROUTE_NOT_FOUND (404), METHOD_NOT_ALLOWED (405), MALFORMED_JSON (400),',
  'UNSUPPORTED_MEDIA_TYPE (415), PAYLOAD_TOO_LARGE (413, bodies over 64 KiB), SERVICE_UNAVAILABLE (503, database down) and INTERNAL (500).',
  'Mutations also travel over the Socket.IO gateway (`command` event, same envelope and outcomes): see docs/protocol.md.',
].join(' ');

const serverVersion = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

/** The OpenAPI 3.1 document of every route in OPERATIONS. */
export function buildOpenApiDocument(operations: OperationDoc[] = OPERATIONS): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) (paths[openApiPath(op.path)] ??= {})[op.method] = operationOf(op);
  return {
    openapi: '3.1.0',
    info: { title: 'Starhold API', version: serverVersion, description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from /api/v1/auth/login, register or refresh' },
      },
      schemas: componentSchemas(),
    },
  };
}
