import { STATUS_CODES, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, errorStatus, type ErrorBody } from '@starhold/common';
import type { Logger } from '../logger.js';

/** What Node's HTTP parser refuses before Koa sees a request, as an error body (its status from the error table). */
function errorFor(code: string | undefined): ErrorBody {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: ErrorCode.HEADERS_TOO_LARGE, message: 'Request headers too large (at most 16 KiB)' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Chunk extensions too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: ErrorCode.REQUEST_TIMEOUT, message: 'The request was not received in time' };
    default:
      return { code: ErrorCode.MALFORMED_REQUEST, message: 'The request is not valid HTTP' };
  }
}

/**
 * Answers requests Node's HTTP parser refuses (headers over 16 KiB, broken HTTP, timeouts) with the
 * same `{"error":{"code","message"}}` body as every other failure, instead of Node's bare status
 * line, then closes the connection (as Node does: the parser cannot go on after such an error).
 */
export function installClientErrorAnswers(http: HttpServer, logger: Logger): void {
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    if (err.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
      socket.destroy();
      return;
    }
    const error = errorFor(err.code);
    const status = errorStatus(error.code);
    logger.debug({ err: err.code, status }, 'refused a request the HTTP parser could not read');
    const body = JSON.stringify({ error });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
