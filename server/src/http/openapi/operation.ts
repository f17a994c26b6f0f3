// The shape of one documented HTTP operation (operations.ts lists them all, operations-fleets.ts
// the fleet ones); its own file so that the lists do not import each other.
import type { z } from 'zod';
import type { ErrorCode } from '@starhold/common';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface OperationDoc {
  method: HttpMethod;
  /** The router's pattern, e.g. `/api/v1/planets/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Requires `Authorization: Bearer <access token>` (adds the 401/403 auth errors). */
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Accepts `Idempotency-Key` (convenience command routes). */
  idempotent?: boolean;
  /** Counts against the per-player command rate limit (adds 429 RATE_LIMITED). */
  commandLimited?: boolean;
  /**
   * The success answer. Its JSON schema comes from `restResponseSchemas` (common) for the routes
   * listed there; `schema` is for the others (the command pipeline, this document).
   */
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** The command pipeline route: the body is a CommandRequest, rule rejections come back as `rejected` outcomes. */
  commandPipeline?: boolean;
  /** Codes this route answers with besides the ones implied above (auth, validation, limits). */
  errors?: ErrorCode[];
  /** Extra documented answers that are not errors (e.g. health's 503). */
  alsoReturns?: { status: number; description: string; schema?: z.ZodType }[];
}
