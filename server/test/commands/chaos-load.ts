// The chaos suite's load: lanes of commands of every kind, over real HTTP and real sockets, from
// several clientIds per player (new ones, used ones, resent seqs), recorded answer by answer.
import type { CommandAck, CommandEnvelope, CommandType, Coordinates } from '@starhold/common';
import { newClientId, type TestClient } from '../realtime/client.js';
import { seededRandom } from '../support/rng.js';

export interface ChaosPlayer {
  playerId: number;
  token: string;
  planets: { id: number; coords: Coordinates }[];
  /** Ids the player's applied commands returned, for the cancels and recalls to aim at. */
  buildingItems: { planetId: number; id: number }[];
  researchItems: number[];
  fleets: number[];
}

export interface Answer {
  playerId: number;
  clientId: string;
  seq: number;
  type: CommandType;
  /** HTTP status, or 200 for a socket ack that is an outcome and 0 for a socket error ack. */
  http: number;
  ack: CommandAck;
  resent: boolean;
  ms: number;
}

const BUILDINGS = ['metalMine', 'crystalMine', 'deuteriumSynthesizer', 'solarPlant', 'roboticsFactory'];
const RESEARCH = ['energy', 'combustion', 'espionage', 'computer', 'armour'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One command of a random kind for `p` (other players' planets are fleet targets). */
export function randomCommand(r: () => number, p: ChaosPlayer, all: readonly ChaosPlayer[]): { type: CommandType; payload: unknown } {
  const planet = pick(r, p.planets);
  switch (
    pick(r, [
      'buildings.upgrade',
      'buildings.upgrade',
      'buildings.cancel',
      'research.start',
      'research.cancel',
      'shipyard.build',
      'fleets.send',
      'fleets.send',
      'fleets.recall',
      'wheel.spin',
    ] as const)
  ) {
    case 'buildings.upgrade':
      return { type: 'buildings.upgrade', payload: { planetId: planet.id, building: pick(r, BUILDINGS) } };
    case 'buildings.cancel': {
      const item = p.buildingItems.length ? pick(r, p.buildingItems) : { planetId: planet.id, id: 1 };
      return { type: 'buildings.cancel', payload: { planetId: item.planetId, queueItemId: item.id } };
    }
    case 'research.start':
      return { type: 'research.start', payload: { planetId: planet.id, research: pick(r, RESEARCH) } };
    case 'research.cancel':
      return { type: 'research.cancel', payload: { queueItemId: p.researchItems.length ? pick(r, p.researchItems) : 1 } };
    case 'shipyard.build':
      return {
        type: 'shipyard.build',
        payload: { planetId: planet.id, unit: pick(r, ['lightFighter', 'smallCargo']), count: 1 + Math.floor(r() * 3) },
      };
    case 'fleets.send': {
      const other = pick(r, all);
      const target = pick(
        r,
        other.planets.filter((t) => t.id !== planet.id),
      );
      const own = other === p;
      return {
        type: 'fleets.send',
        payload: {
          planetId: planet.id,
          ships: own ? { smallCargo: 1 } : { lightFighter: 1 + Math.floor(r() * 2) },
          target: target.coords,
          mission: own ? pick(r, ['transport', 'deploy']) : pick(r, ['transport', 'attack']),
          cargo: own ? { metal: 10, crystal: 5, deuterium: 0 } : { metal: 0, crystal: 0, deuterium: 0 },
        },
      };
    }
    case 'fleets.recall':
      return { type: 'fleets.recall', payload: { fleetId: p.fleets.length ? pick(r, p.fleets) : 1 } };
    case 'wheel.spin':
      return { type: 'wheel.spin', payload: { planetId: planet.id, clientSeed: `chaos-${Math.floor(r() * 1e6)}` } };
  }
}

/** Remembers what an applied command created, so later cancels and recalls hit real rows. */
function learn(p: ChaosPlayer, type: CommandType, payload: unknown, ack: CommandAck): void {
  if (ack.status !== 'applied') return;
  const res = ack.result as { queueItem?: { id: number }; fleet?: { id: number } };
  if (type === 'buildings.upgrade' && res.queueItem)
    p.buildingItems.push({ planetId: (payload as { planetId: number }).planetId, id: res.queueItem.id });
  if (type === 'research.start' && res.queueItem) p.researchItems.push(res.queueItem.id);
  if (type === 'fleets.send' && res.fleet) p.fleets.push(res.fleet.id);
}

interface Sender {
  send(env: CommandEnvelope): Promise<{ http: number; ack: CommandAck }>;
  /** A socket's clientId is fixed by its handshake; HTTP lanes pick theirs. */
  fixedClientId?: string;
}

/** Plain fetch (this runs in the load child, which does not load the server or the test harness). */
export const httpSender = (baseUrl: string, token: string): Sender => ({
  async send(env) {
    const res = await fetch(`${baseUrl}/api/v1/commands`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(env),
    });
    const text = await res.text();
    let body: { status?: unknown; error?: unknown } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = undefined;
    }
    const outcome = res.status < 500 && typeof body?.status === 'string';
    return { http: res.status, ack: (outcome ? body : { status: 'error', error: body?.error ?? text.slice(0, 200) }) as CommandAck };
  },
});

export const socketSender = (client: TestClient, clientId: string): Sender => ({
  fixedClientId: clientId,
  async send(env) {
    const ack = await client.command(env);
    return { http: ack.status === 'error' ? 0 : 200, ack };
  },
});

/**
 * One lane: `n` commands one after the other. An HTTP lane starts a new clientId now and then and
 * goes back to one it used before; every lane resends its previous envelope now and then (the
 * answer must be the stored one).
 */
export async function runLane(seed: number, p: ChaosPlayer, all: readonly ChaosPlayer[], sender: Sender, n: number, out: Answer[]): Promise<void> {
  const r = seededRandom(seed);
  const cursors = new Map<string, number>();
  let clientId = sender.fixedClientId ?? newClientId('chaos');
  let last: CommandEnvelope | undefined;
  for (let i = 0; i < n; i++) {
    let env: CommandEnvelope;
    const resend = last !== undefined && r() < 0.05;
    if (resend && last) env = last;
    else {
      if (!sender.fixedClientId) {
        const roll = r();
        if (roll < 0.08)
          clientId = newClientId('chaos'); // a new installation: seq 1 on a new cursor
        else if (roll < 0.16 && cursors.size > 0) clientId = pick(r, [...cursors.keys()]); // an old one again
      }
      const seq = (cursors.get(clientId) ?? 0) + 1;
      cursors.set(clientId, seq);
      const cmd = randomCommand(r, p, all);
      env = { clientId, seq, type: cmd.type, payload: cmd.payload } as CommandEnvelope;
    }
    const t0 = performance.now();
    const { http, ack } = await sender.send(env);
    out.push({
      playerId: p.playerId,
      clientId: env.clientId,
      seq: env.seq,
      type: env.type as CommandType,
      http,
      ack,
      resent: resend,
      ms: performance.now() - t0,
    });
    if (!resend) learn(p, env.type as CommandType, env.payload, ack);
    last = env;
  }
}
