// The project's import graph, read with the TypeScript parser (no type checking): every static
// `import`/`export … from` of a file, type-only imports included, resolved to files of this repo.
// Shared by the `starhold/no-import-cycle` and `starhold/layers` rules (eslint/plugin.mjs).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACES = { '@starhold/common': join(ROOT, 'common/src/index.ts') };
const EXTENSIONS = ['.ts', '.tsx', '.mts'];

/** The repo-relative path with forward slashes (`server/src/http/app.ts`). */
export const repoPath = (file) => relative(ROOT, file).split(sep).join('/');

/** The file a specifier names, or null for a package outside the repo. `./x.js` is `./x.ts`. */
export function resolveImport(from, spec) {
  if (spec in WORKSPACES) return WORKSPACES[spec];
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [...EXTENSIONS.map((e) => stem + e), base, ...EXTENSIONS.map((e) => join(base, 'index' + e))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** The module specifiers a statement imports from at load time (dynamic `import()` is not an edge). */
export function specifierOf(stmt) {
  if ((ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt)) && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier)) {
    return stmt.moduleSpecifier.text;
  }
  if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference) && ts.isStringLiteral(stmt.moduleReference.expression)) {
    return stmt.moduleReference.expression.text;
  }
  return undefined;
}

const parsed = new Map(); // file → { mtimeMs, checkedAt, targets }
const RECHECK_MS = 2000;

/**
 * The repo files a file imports. Cached by modification time, checked at most every 2 s (one lint
 * run reads each file once; an editor session sees changes).
 */
export function importsOf(file) {
  const hit = parsed.get(file);
  const now = Date.now();
  if (hit && now - hit.checkedAt < RECHECK_MS) return hit.targets;
  const mtimeMs = statSync(file).mtimeMs;
  if (hit && hit.mtimeMs === mtimeMs) {
    hit.checkedAt = now;
    return hit.targets;
  }
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, kind);
  const targets = [];
  for (const stmt of sf.statements) {
    const spec = specifierOf(stmt);
    const target = spec === undefined ? null : resolveImport(file, spec);
    if (target && !targets.includes(target)) targets.push(target);
  }
  parsed.set(file, { mtimeMs, checkedAt: now, targets });
  return targets;
}

/** The files that import `file` back, directly or not (its strongly connected component, minus itself if alone). */
export function filesReachingBack(file) {
  const reachable = new Set([file]);
  const reverse = new Map();
  const stack = [file];
  while (stack.length) {
    const f = stack.pop();
    for (const next of importsOf(f)) {
      if (!reverse.has(next)) reverse.set(next, []);
      reverse.get(next).push(f);
      if (!reachable.has(next)) {
        reachable.add(next);
        stack.push(next);
      }
    }
  }
  const back = new Set();
  const todo = [file];
  while (todo.length) {
    for (const prev of reverse.get(todo.pop()) ?? []) {
      if (!back.has(prev)) {
        back.add(prev);
        todo.push(prev);
      }
    }
  }
  return back;
}

/**
 * The cycle through `from → to`, if `to` leads back to `from`: the files of the shortest path
 * `from, to, …, from` (breadth first), else null.
 */
export function cycleThrough(from, to) {
  const prev = new Map([[to, null]]);
  const queue = [to];
  while (queue.length) {
    const f = queue.shift();
    for (const next of importsOf(f)) {
      if (next === from) {
        const path = [from];
        for (let at = f; at !== null; at = prev.get(at)) path.splice(1, 0, at);
        return [...path, from];
      }
      if (!prev.has(next)) {
        prev.set(next, f);
        queue.push(next);
      }
    }
  }
  return null;
}
