// One raw HTTP request with the path sent exactly as given (no URL normalisation, so `..`,
// `%zz` and friends reach the server), any headers and any body bytes.
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  /** Parsed JSON body, or undefined. */
  json: unknown;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface RawSend {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Client-side failures that say nothing about the server (it may close early on an oversized request). */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

export function send(baseUrl: string, r: RawSend): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...r.headers };
  if (r.body !== undefined) headers['Content-Length'] = String(r.body.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new TransportError((e as NodeJS.ErrnoException).code ?? 'ERR', e.message)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
      });
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer to ${r.method} ${r.path} within ${TIMEOUT_MS} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') reject(new TransportError(e.code, e.message));
      else reject(e);
    });
    req.end(r.body);
  });
}
