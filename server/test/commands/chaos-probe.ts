// The chaos suite's observer: another player's `GET /api/v1/me`, timed from a process of its own
// (forked by chaos.test.ts), so that neither the server's nor the load's work delays the client
// half of a sample. Same request, same cadence in every phase.
import { setTimeout as delay } from 'node:timers/promises';
import { serveParent } from '../support/ts-child.js';

export type ProbeRequest =
  | { kind: 'samples'; url: string; token: string; gapMs: number; n: number }
  | { kind: 'start'; url: string; token: string; gapMs: number }
  | { kind: 'stop' };

async function timeMe(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET /me answered ${res.status}`);
  return performance.now() - t0;
}

let running: { stop: boolean; done: Promise<number[]> } | undefined;

async function loop(url: string, token: string, gapMs: number, more: (n: number) => boolean): Promise<number[]> {
  const out: number[] = [];
  while (more(out.length)) {
    out.push(await timeMe(url, token));
    await delay(gapMs);
  }
  return out;
}

serveParent(async (r: ProbeRequest) => {
  switch (r.kind) {
    case 'samples':
      return loop(r.url, r.token, r.gapMs, (n) => n < r.n);
    case 'start': {
      const state: { stop: boolean; done: Promise<number[]> } = { stop: false, done: Promise.resolve([]) };
      state.done = loop(r.url, r.token, r.gapMs, () => !state.stop);
      running = state;
      return null;
    }
    case 'stop': {
      if (!running) throw new Error('probe: stop without start');
      running.stop = true;
      const samples = await running.done;
      running = undefined;
      return samples;
    }
  }
});
