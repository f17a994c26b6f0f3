#!/usr/bin/env node
// `npm start`: runs the game server, then the desktop app pointed at it. Where no Electron
// binary is on disk (it is downloaded on demand, which some machines cannot do), says so and
// prints the web address instead; the server serves the same client to browsers. The server
// keeps running until Ctrl+C.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, findElectronBinary } from './electron-binary.mjs';

const desktopDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(desktopDir, '..');
const port = Number(process.env.PORT ?? 3000);
const url = `http://localhost:${port}`;

const server = spawn(process.execPath, [join(root, 'server', 'dist', 'main.js'), 'serve'], { stdio: 'inherit', env: process.env });
let stopping = false;
const stop = (signal) => {
  stopping = true;
  server.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

async function waitForHealth() {
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

if (await waitForHealth()) {
  const electron = findElectronBinary(electronPackageDir(desktopDir));
  if (!electron) {
    console.error(
      [
        '',
        'Starhold desktop: no Electron binary on this machine (node_modules/electron/dist is missing),',
        'so the desktop app cannot start here. Run `npx install-electron --no` where Electron can be',
        'downloaded, or play in your browser — the server serves the same client:',
        '',
        `    ${url}`,
        '',
        'The server keeps running; press Ctrl+C to stop it.',
      ].join('\n'),
    );
  } else {
    const app = spawn(electron, [desktopDir], { stdio: 'inherit', env: { ...process.env, STARHOLD_SERVER_URL: url } });
    app.on('exit', () => {
      if (!stopping) console.error(`Starhold desktop closed; the server keeps running at ${url} (Ctrl+C to stop).`);
    });
  }
}
