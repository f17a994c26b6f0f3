#!/usr/bin/env node
// The end-to-end tests drive Debian's Chromium (playwright-core downloads no browser). Make sure it
// is there before they run: use STARHOLD_CHROMIUM or /usr/bin/chromium; on a Debian/Ubuntu machine
// where we are root, install the `chromium` package; otherwise say exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.STARHOLD_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!process.env.STARHOLD_CHROMIUM && isRoot && hasApt) {
  console.error('e2e: Chromium not found; installing the Debian package `chromium` (one time)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (existsSync(wanted)) process.exit(0);
}
console.error(
  `e2e: no Chromium at ${wanted}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
    'or point STARHOLD_CHROMIUM at a Chromium/Chrome binary, then run the tests again.',
);
process.exit(1);
