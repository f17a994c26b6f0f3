// `starhold --version` / `-V` on the built binary: the package version and runtime, exit 0.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const distMain = path.resolve(here, '../../dist/main.js');
const version = (JSON.parse(readFileSync(path.resolve(here, '../../package.json'), 'utf8')) as { version: string }).version;

describe('starhold --version', () => {
  it.each(['--version', '-V'])('%s prints the version from package.json and exits 0', (flag) => {
    if (!existsSync(distMain)) throw new Error(`${distMain} is missing: run \`npm run build\` before this test`);
    // No data folder or database settings: printing the version must not need them.
    const r = spawnSync(process.execPath, [distMain, flag], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toBe(`starhold ${version} (Node.js ${process.version}, ${process.platform}-${process.arch})\n`);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
