// Validates electron-builder.yml the way electron-builder itself does (its loader and its JSON
// schema), without downloading Electron or building anything.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const desktopPkg = JSON.parse(readFileSync(join(root, 'desktop', 'package.json'), 'utf8')) as {
  main: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const targetsOf = (t: unknown): string[] => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  const load = () => getConfig(root, join(root, 'electron-builder.yml'), null);

  it("passes electron-builder's own schema validation (known keys only)", async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation rejects an unknown key (so the check above means something)', async () => {
    const config = { ...(await load()), bogusKey: true } as Awaited<ReturnType<typeof load>>;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/unknown property 'bogusKey'/);
  });

  it('names the app', async () => {
    const c = await load();
    expect(c).toMatchObject({ appId: 'org.starhold.desktop', productName: 'Starhold', executableName: 'starhold' });
    expect(c.electronVersion).toBe(desktopPkg.devDependencies?.electron);
  });

  it('targets AppImage + deb, NSIS and dmg', async () => {
    const c = await load();
    expect(targetsOf(c.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(c.win?.target)).toEqual(['nsis']);
    expect(targetsOf(c.mac?.target)).toEqual(['dmg']);
    expect(c.linux?.maintainer).toMatch(/<.+@.+>/); // deb needs a maintainer with an e-mail
  });

  it('packs only the built output of desktop/, and the entry point is in it', async () => {
    const c = await load();
    expect(c.directories?.app).toBe('desktop');
    // electron-builder normalizes `files` to [{ filter: [...] }].
    const files = (c.files as ({ filter: string[] } | string)[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    const included = (p: string) =>
      files.filter((f) => !f.startsWith('!')).some((f) => minimatch(p, f, { dot: true })) &&
      !files.filter((f) => f.startsWith('!')).some((f) => minimatch(p, f.slice(1), { dot: true }));
    expect(included(desktopPkg.main)).toBe(true);
    expect(included('dist/electron/preload.cjs')).toBe(true);
    expect(included('dist/renderer/index.html')).toBe(true);
    expect(included('dist/renderer/assets/index-abc123.js')).toBe(true);
    expect(included('package.json')).toBe(true);
    for (const p of ['src/main/main.ts', 'dist/renderer/assets/index-abc123.js.map', 'node_modules/react/index.js', 'test/x.test.ts', 'release/x']) {
      expect([p, included(p)]).toEqual([p, false]);
    }
    expect(desktopPkg.main).toBe('dist/electron/main.cjs');
  });

  it('ships no renderer library as a runtime dependency (Vite bundles them)', () => {
    const deps = Object.keys(desktopPkg.dependencies ?? {});
    for (const lib of ['react', 'react-dom', '@reduxjs/toolkit', 'react-redux', 'socket.io-client', 'electron']) expect(deps).not.toContain(lib);
  });

  it('has the icons: a 1024 px icon for mac/win and a Linux set including 512 and 256', async () => {
    const c = await load();
    expect(c.directories?.buildResources).toBe('build');
    expect(pngSize(join(root, c.mac!.icon as string))).toEqual({ width: 1024, height: 1024 });
    expect(c.win!.icon).toBe(c.mac!.icon);
    const dir = join(root, c.linux!.icon as string);
    for (const n of [512, 256, 128, 64, 32, 16]) expect(pngSize(join(dir, `${n}x${n}.png`))).toEqual({ width: n, height: n });
    expect(existsSync(join(root, 'desktop', 'src', 'renderer', 'public', 'icon.png'))).toBe(true);
  });
});
