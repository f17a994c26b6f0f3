import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// `common` runs on the server and in the desktop renderer: no Node or browser APIs,
// no IO, no clock, no ambient randomness. This guards the rule mechanically.
const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const FORBIDDEN: [string, RegExp][] = [
  // A `Date` type or `new Date(ms)` is fine; reading the current time is not.
  ['clock', /\bDate\.now\b|\bnew Date\(\s*\)|\bperformance\.now\b|\bsetTimeout\b|\bsetInterval\b/],
  ['ambient randomness', /Math\.random|crypto\./],
  ['Node or browser globals', /\bprocess\.|\bBuffer\b|\brequire\(|\bwindow\b|\bdocument\b|\blocalStorage\b|\bfetch\(/],
];

describe('common stays pure', () => {
  const files = sources(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))('%s imports only relative modules and zod', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]);
    for (const s of specifiers) expect(s?.startsWith('.') || s === 'zod' ? 'ok' : s).toBe('ok');
  });

  it.each(files.map((f) => [relative(SRC, f), f]))('%s uses no clock, randomness or platform API', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const [what, re] of FORBIDDEN) expect(re.test(code) ? what : 'none').toBe('none');
  });
});
