// Chaos: 20 clients of 10 players send building upgrades and cancels over sockets that are
// dropped at random (by the client and by the server) while the server is restarted twice on
// the same database. Every chaos decision comes from one seeded RNG. Afterwards every command
// seq of every client is in command_log exactly once and every planet's resources and queue are
// exactly what the applied commands say. Prints the counts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { newClientId, patchPlanet } from '../support/game-sql.js';
import { seededRandom } from '../support/rng.js';
import { findFreePort } from '../../src/db/free-port.js';
import { gatewayPlugin, type GatewayPlugin } from '../../src/realtime/gateway.js';
import { ChaosClient } from './support/chaos-client.js';
import { upgradesAndCancels, verifyExactlyOnce } from './support/exactly-once.js';
import { invariantViolations } from './support/invariants.js';

const SEED = 20_261_124;
const PLAYERS = 10;
const CLIENTS_PER_PLAYER = 2;
const COMMANDS_PER_CLIENT = 30;
const RESTARTS = 2;
const START = { metal: 50_000_000, crystal: 50_000_000, deuterium: 50_000_000 };

interface Player {
  playerId: number;
  planetId: number;
  token: string;
}

describe('chaos: dropped connections and restarts lose no command and apply none twice', () => {
  let db: TestDatabase;
  let port: number;
  let server: TestServer | undefined;
  let gw: GatewayPlugin;
  const clients: ChaosClient[] = [];
  const rnd = seededRandom(SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;

  const start = async (): Promise<TestServer> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startTestServer({
          dbUrl: db.url,
          env: {
            PORT: String(port),
            STARHOLD_COMMAND_RATE_LIMIT: '1000000',
            STARHOLD_ACCESS_TOKEN_TTL_S: '31536000',
            STARHOLD_PRESENCE_GRACE_MS: '0',
          },
          plugins: () => [(gw = gatewayPlugin())],
        });
      } catch (e) {
        // The clients keep knocking on the port; the old listener may not have let go of it yet.
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 50)); // back-off before retrying the start (bounded: 20 attempts)
      }
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    port = await findFreePort();
    server = await start();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await db?.drop();
  });

  it('applies every command exactly once across random drops and two restarts', async () => {
    const players: Player[] = [];
    for (let i = 0; i < PLAYERS; i++) {
      const p = await server!.api.register(`chaos${i}`);
      await patchPlanet(server!, p.planetId, { ...START, settledAt: server!.clock.now() });
      players.push(p);
    }
    const total = PLAYERS * CLIENTS_PER_PLAYER * COMMANDS_PER_CLIENT;
    let answered = 0;
    const drops = { client: 0, server: 0 };
    let restarts = 0;
    let restarting: Promise<void> | undefined;
    let failRestart: (e: unknown) => void = () => undefined;
    const restartFailed = new Promise<never>((_, reject) => {
      failRestart = reject;
    });

    const restart = async () => {
      restarts++;
      await server!.stop(); // the gateway closes every socket; clients reconnect once it is back
      server = await start();
    };
    // One chaos decision per answered command, all from the seeded RNG.
    const chaos = () => {
      answered++;
      if (restarts < RESTARTS && !restarting && answered >= ((restarts + 1) * total) / (RESTARTS + 1)) {
        restarting = restart()
          .catch(failRestart)
          .finally(() => {
            restarting = undefined;
          });
        return;
      }
      const roll = rnd();
      if (roll < 0.02) {
        drops.client++;
        pick(clients).drop();
      } else if (roll < 0.04 && gw.io && !restarting) {
        const sockets = [...gw.io.of('/').sockets.values()];
        if (sockets.length > 0) {
          drops.server++;
          pick(sockets).disconnect(true);
        }
      }
    };

    players.forEach((p, pi) => {
      for (let k = 0; k < CLIENTS_PER_PLAYER; k++) {
        clients.push(
          new ChaosClient({
            url: `http://127.0.0.1:${port}`,
            token: p.token,
            clientId: newClientId(`chaos${pi}x${k}`),
            total: COMMANDS_PER_CLIENT,
            window: 4,
            compose: upgradesAndCancels(p.planetId, seededRandom(SEED + pi * 10 + k)),
            onAnswer: chaos,
          }),
        );
      }
    });
    await Promise.race([Promise.all(clients.map((c) => c.whenDone())), restartFailed]);
    while (restarting) await restarting;
    expect(restarts).toBe(RESTARTS);

    const { applied, rejected, rejectedBy, lost, duplicated } = await verifyExactlyOnce(
      server!,
      clients.map((c) => ({ clientId: c.clientId, total: COMMANDS_PER_CLIENT, answers: c.answers })),
      players.map((p) => ({ playerId: p.playerId, planetId: p.planetId, start: START })),
    );
    expect(await invariantViolations(db.url)).toEqual([]);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(applied).toBeGreaterThan(total / 4); // real effects, not only rejections (QUEUE_FULL, NOT_FOUND)
    expect(drops.client + drops.server).toBeGreaterThan(0);

    const sent = clients.reduce((n, c) => n + c.sent, 0);
    console.log(
      JSON.stringify({
        suite: 'chaos',
        seed: SEED,
        clients: clients.length,
        players: PLAYERS,
        commands: total,
        commandsSent: sent,
        applied,
        rejected,
        rejectedBy,
        lost,
        duplicated,
        drops,
        restarts,
        reconnects: clients.reduce((n, c) => n + c.connects - 1, 0),
        refusals: clients.reduce((n, c) => n + c.refusals, 0),
        gaps: clients.reduce((n, c) => n + c.gaps, 0),
        errorAcks: Object.fromEntries(
          clients.flatMap((c) => [...c.errors]).reduce((m, [k, v]) => m.set(k, (m.get(k) ?? 0) + v), new Map<string, number>()),
        ),
      }),
    );
  }, 60_000);
});
