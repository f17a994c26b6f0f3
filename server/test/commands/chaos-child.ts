// The chaos suite's load generator, in its own process (forked by chaos.test.ts through
// ../support/ts-child.ts): its lanes' client work (JSON, fetch, socket.io framing) then does not
// share an event loop with the server or with the /me probe. One job: run every lane, answer with
// every recorded answer.
import { connectClient, newClientId, type TestClient } from '../realtime/client.js';
import { serveParent } from '../support/ts-child.js';
import { httpSender, runLane, socketSender, type Answer, type ChaosPlayer } from './chaos-load.js';

export interface ChaosJob {
  url: string;
  players: ChaosPlayer[];
  perLane: number;
  httpLanes: number;
  socketLanes: number;
}

export interface ChaosResult {
  answers: Answer[];
  seconds: number;
}

async function run(job: ChaosJob): Promise<ChaosResult> {
  const answers: Answer[] = [];
  const sockets: TestClient[] = [];
  const lanes: Array<() => Promise<void>> = [];
  let seed = 1;
  try {
    for (const p of job.players) {
      for (let l = 0; l < job.httpLanes; l++) {
        const s = seed++;
        lanes.push(() => runLane(s, p, job.players, httpSender(job.url, p.token), job.perLane, answers));
      }
      for (let l = 0; l < job.socketLanes; l++) {
        const s = seed++;
        const clientId = newClientId('chaossock');
        const c = await connectClient(job.url, { token: p.token, clientId, lastSeq: 0 });
        sockets.push(c);
        lanes.push(() => runLane(s, p, job.players, socketSender(c, clientId), job.perLane, answers));
      }
    }
    const started = performance.now();
    await Promise.all(lanes.map((l) => l()));
    return { answers, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const s of sockets) s.close();
  }
}

serveParent(run);
