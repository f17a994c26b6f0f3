// Requests the fetch-based Api cannot make: a chosen source address (to look like another client
// IP on loopback), chunked bodies without Content-Length, and bodies without any Content-Type.
import { request } from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is. With `chunked`, written in two chunks and no Content-Length. */
  body?: string | Buffer;
  chunked?: boolean;
  /** Source address, e.g. 127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux). */
  localAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
}

export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path, baseUrl);
  const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
  const headers: Record<string, string> = { ...req.headers };
  if (body && !req.chunked) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: req.method,
        headers,
        ...(req.localAddress ? { localAddress: req.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    r.on('error', reject);
    if (body && req.chunked) {
      const half = Math.floor(body.length / 2);
      r.write(body.subarray(0, half));
      r.end(body.subarray(half));
    } else {
      r.end(body);
    }
  });
}
