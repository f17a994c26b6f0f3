import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { electronPackageDir, findElectronBinary } from '../scripts/electron-binary.mjs';

describe('finding the Electron binary without downloading it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'starhold-electron-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is null when the package is not installed or its binary was never downloaded', () => {
    expect(findElectronBinary(null, {})).toBeNull();
    expect(findElectronBinary(dir, {})).toBeNull(); // no path.txt
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeNull(); // path.txt but no dist/
  });

  it('finds a downloaded binary through path.txt', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'elsewhere') })).toBe(join(dir, 'elsewhere', 'electron'));
  });

  it('resolves the installed electron package from the desktop folder', () => {
    const desktop = join(dirname(fileURLToPath(import.meta.url)), '..');
    expect(electronPackageDir(desktop)).toMatch(/node_modules[\\/]electron$/);
    expect(electronPackageDir(dir)).toBeNull();
  });
});
