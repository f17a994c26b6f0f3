/** U+0000, or a UTF-16 surrogate without its partner. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this must find
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where `value` (parsed JSON) holds text PostgreSQL cannot store in a text or jsonb column: a
 * string or object key containing U+0000 or an unpaired surrogate (JSON can carry both as `\u`
 * escapes). Returns the path of the first one (`payload.ships`; a bad key is reported by its
 * parent, so the answer never echoes the bad text), or undefined when all text is storable.
 * Iterative, so any nesting depth is safe.
 */
export function unstorableTextAt(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, path] = next;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return path || '(root)';
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return `a key of ${path || '(root)'}`;
        stack.push([x, path ? `${path}.${k}` : k]);
      }
    }
  }
  return undefined;
}
