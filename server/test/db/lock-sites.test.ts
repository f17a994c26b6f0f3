import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { LockOrderError, noteLock, withLockScope } from '../../src/db/lock-order.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
/** The only files allowed to spell a row lock or an advisory lock (docs/decisions.md, "One lock order"). */
const LOCK_MODULES = new Set(['db/locks.ts']);
const LOCK_PATTERN =
  /\bfor\s+(no\s+key\s+)?update\b|\bfor\s+(key\s+)?share\b|LockMode\s*\.\s*PESSIMISTIC|\bpg_(try_)?advisory_(xact_)?lock(_shared)?\b|lockMode\s*:/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'migrations' ? [] : sourceFiles(p); // schema DDL takes no row locks
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

/** Code lines only: comments may (and do) talk about locks. */
function codeLines(text: string): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = [];
  let inBlock = false;
  text.split('\n').forEach((raw, i) => {
    let code = raw;
    if (inBlock) {
      const end = code.indexOf('*/');
      if (end < 0) return;
      code = code.slice(end + 2);
      inBlock = false;
    }
    code = code.replace(/\/\*.*?\*\//g, '');
    const start = code.indexOf('/*');
    if (start >= 0) {
      code = code.slice(0, start);
      inBlock = true;
    }
    code = code.replace(/(^|\s)\/\/.*$/, '');
    out.push({ line: i + 1, code });
  });
  return out;
}

describe('lock sites', () => {
  it('takes every row lock and advisory lock in db/locks.ts only', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const rel = relative(SRC, file).split('\\').join('/');
      if (LOCK_MODULES.has(rel)) continue;
      for (const { line, code } of codeLines(readFileSync(file, 'utf8')))
        if (LOCK_PATTERN.test(code)) offenders.push(`${rel}:${line}: ${code.trim()}`);
    }
    // A new lock belongs in db/locks.ts, at its rank in the one lock order.
    expect(offenders).toEqual([]);
  });

  it('the pattern sees the lock spellings it must (the test above can fail)', () => {
    for (const s of [
      "'select * from x for update'",
      'for no key update',
      'FOR KEY SHARE',
      'LockMode.PESSIMISTIC_WRITE',
      'pg_advisory_xact_lock(1)',
      '{ lockMode: m }',
    ]) {
      expect(LOCK_PATTERN.test(s)).toBe(true);
    }
    expect(codeLines('a // for update\n/* for update\n for share */ b').map((l) => l.code.trim())).toEqual(['a', '', 'b']);
  });
});

describe('lock order check (tests run with it on)', () => {
  it('allows going up the ranks and ascending keys, and re-locking a held row', async () => {
    await withLockScope(async () => {
      noteLock('planet', 1);
      noteLock('planet', 4);
      noteLock('fleet', 2);
      noteLock('planet', 1);
      noteLock('player', 3);
      noteLock('player', 9);
    });
  });

  it('refuses a player before a planet, and descending keys within a rank', async () => {
    await expect(
      withLockScope(async () => {
        noteLock('player', 1);
        noteLock('planet', 1);
      }),
    ).rejects.toThrow(LockOrderError);
    await expect(
      withLockScope(async () => {
        noteLock('planet', 5);
        noteLock('planet', 2);
      }),
    ).rejects.toThrow(/planet:2 after planet:5/);
  });

  it('starts a fresh order in each scope (each transaction attempt, each tick event)', async () => {
    await withLockScope(async () => noteLock('player', 7));
    await withLockScope(async () => noteLock('planet', 1));
    await expect(withLockScope(async () => noteLock('planet', 1), 'player')).rejects.toThrow(LockOrderError);
  });
});
