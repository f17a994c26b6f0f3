import { ErrorCode } from '@starhold/common';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError, knownError } from '../core/errors.js';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** Maps errors thrown by body parsing (http-errors from raw-body/co-body) to stable codes. */
function fromHttpError(err: HttpishError): AppError | undefined {
  const status = err.status ?? err.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (err.type === 'entity.too.large' || status === 413) return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'Request body too large');
  if (err.type === 'entity.parse.failed' || (status === 400 && /json|parse|unexpected token/i.test(err.message ?? ''))) {
    return new AppError(ErrorCode.MALFORMED_JSON, 'Request body is not valid JSON');
  }
  if (status === 415) return new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported content type');
  return new AppError(ErrorCode.VALIDATION_FAILED, err.expose ? (err.message ?? 'Bad request') : 'Bad request');
}

/**
 * The error for a request body that could not be read or parsed (the body parser's onError):
 * always a 4xx, since the body is the client's. Corrupt compressed bodies (zlib Z_* errors) and
 * anything unrecognised count as malformed.
 */
export function bodyParseError(e: unknown): AppError {
  const mapped = typeof e === 'object' && e !== null ? fromHttpError(e as HttpishError) : undefined;
  if (mapped) return mapped;
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code.startsWith('Z_')) return new AppError(ErrorCode.MALFORMED_JSON, 'Request body could not be decompressed');
  return new AppError(ErrorCode.MALFORMED_JSON, 'Request body could not be read as JSON');
}

/** The one error middleware: every failure leaves as `{"error":{"code","message"}}`. */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(ErrorCode.ROUTE_NOT_FOUND, `No route for ${ctx.method} ${ctx.path}`);
      }
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
        // Set by the router's allowedMethods() together with the Allow header, which stays on the response.
        throw new AppError(
          ErrorCode.METHOD_NOT_ALLOWED,
          `${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get('Allow') || 'none'}`,
        );
      }
    } catch (e) {
      let err: AppError;
      const known = knownError(e);
      if (known) err = known;
      else {
        const mapped = typeof e === 'object' && e !== null ? fromHttpError(e as HttpishError) : undefined;
        if (mapped) err = mapped;
        else {
          // The request's child logger (request-context.ts) carries its requestId.
          const log = (ctx.state as { log?: Logger }).log ?? logger;
          log.error({ err: e, path: ctx.path, method: ctx.method }, 'unhandled error');
          err = new AppError(ErrorCode.INTERNAL, 'Internal server error');
        }
      }
      ctx.status = err.status;
      ctx.body = { error: err.toBody() };
      for (const [k, v] of Object.entries(err.headers ?? {})) ctx.set(k, v);
      if (err.status === 503) ctx.set('Retry-After', '5');
      // A request body left half-read (a corrupt gzip body, a parse error mid-stream) stalls the
      // connection: the next request on it would never be read. Close it after this answer.
      if (!ctx.req.complete) ctx.set('Connection', 'close');
    }
  };
}
