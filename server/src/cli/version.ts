import { readFileSync } from 'node:fs';

/** The server package's version (server/package.json; the same path from src/ and dist/). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** What `starhold --version` prints: the version, then the runtime it runs on (no git needed). */
export function versionLine(): string {
  return `starhold ${packageVersion()} (Node.js ${process.version}, ${process.platform}-${process.arch})`;
}
