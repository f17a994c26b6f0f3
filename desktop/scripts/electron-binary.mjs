// Where the Electron binary is, without triggering its download (requiring 'electron' would
// download it on first use, which fails on machines without access to the Electron mirrors).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The path of the Electron executable if it is already on disk, else null.
 * `electronDir` is the folder of the `electron` npm package (null when it is not installed).
 */
export function findElectronBinary(electronDir, env = process.env) {
  if (!electronDir) return null;
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(p) ? p : null;
  }
  if (!relative) return null;
  const p = join(electronDir, 'dist', relative);
  return existsSync(p) ? p : null;
}

/** The folder of the `electron` package as resolved from `fromDir`, or null. */
export function electronPackageDir(fromDir) {
  try {
    return dirname(createRequire(join(fromDir, 'noop.js')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
