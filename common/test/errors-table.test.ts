import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_TABLE, ErrorCode, errorStatus, ruleRejectionCodes, type ErrorInfo } from '../src/index.js';

// The one code → status table: every code has a status in 4xx/5xx, and docs/protocol.md's error
// table lists every code with the same REST status.
const PROTOCOL = readFileSync(fileURLToPath(new URL('../../docs/protocol.md', import.meta.url)), 'utf8');
const section = PROTOCOL.slice(PROTOCOL.indexOf('## Error codes'), PROTOCOL.indexOf('## A minimal client'));

/** The row of the protocol's error table naming `code`: its "where" column. */
function documentedWhere(code: string): string | undefined {
  const row = section.split('\n').find(
    (l) =>
      l.startsWith('| ') &&
      l
        .split('|')[1]!
        .split('/')
        .some((c) => c.trim() === `\`${code}\``),
  );
  return row?.split('|')[2];
}

describe('ERROR_TABLE', () => {
  const codes = Object.keys(ERROR_TABLE) as ErrorCode[];

  it('names every code once, and ErrorCode is derived from it', () => {
    expect(Object.values(ErrorCode).sort()).toEqual([...codes].sort());
    for (const c of codes) expect(ErrorCode[c]).toBe(c);
  });

  it.each(codes)('%s has a 4xx or 5xx status and a description', (code) => {
    const s = errorStatus(code);
    expect(Number.isInteger(s) && s >= 400 && s <= 599).toBe(true);
    expect(ERROR_TABLE[code].description.length).toBeGreaterThan(10);
  });

  it('rule rejections are 422, not-found 404, schema failures 400, only bugs and outages 5xx', () => {
    expect(ruleRejectionCodes()).toEqual(expect.arrayContaining(['INSUFFICIENT_RESOURCES', 'QUEUE_FULL', 'FLEET_NOT_RECALLABLE', 'UNKNOWN_COMMAND']));
    expect(errorStatus('NOT_FOUND')).toBe(404);
    expect(errorStatus('VALIDATION_FAILED')).toBe(400);
    expect(codes.filter((c) => errorStatus(c) >= 500).sort()).toEqual(['INTERNAL', 'SERVICE_UNAVAILABLE']);
  });

  it.each(codes)("%s is in docs/protocol.md's error table with the same REST status", (code) => {
    const where = documentedWhere(code);
    expect({ code, documented: where !== undefined }).toEqual({ code, documented: true });
    const rest = /REST (\d{3})/.exec(where!);
    // Socket-only codes name no REST status.
    const info: ErrorInfo = ERROR_TABLE[code];
    if (info.scope !== 'socket') expect({ code, status: Number(rest?.[1]) }).toEqual({ code, status: errorStatus(code) });
  });
});
