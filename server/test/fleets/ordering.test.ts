import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runTick } from '../../src/game/tick.js';
import { startTestServer, type TestServer } from '../harness.js';
import { fleetRow, planetState, playerAt, plus, send, type Player } from './support.js';

// Distances to the defender at position 3: transporter at 1 (d = 1010), attacker at 13 (d = 1050).
// 1 small cargo at 10%: t = round(35000·sqrt(2.02) + 10) = round(49 754.35) = 49 754 s; at 100%: 4984 s.
// 100 battleships at 100%: t = round(3500·sqrt(1.05) + 10) = round(3596.43) = 3596 s; at 10%: round(35 874.33) = 35 874 s.
const STOCK = { metal: 40_000, crystal: 30_000, deuterium: 20_000 };
const CARGO = { metal: 4000, crystal: 0, deuterium: 1000 };

describe('one time-ordered queue: an attack due before a transport is fought before the cargo lands', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '100000000' } });
  });
  afterAll(async () => t?.stop());

  async function scene(system: number): Promise<{ attacker: Player; carrier: Player; defender: Player }> {
    const defender = await playerAt(t, 'def', { galaxy: 5, system, position: 3 }, { resources: STOCK });
    const carrier = await playerAt(t, 'car', { galaxy: 5, system, position: 1 }, { units: { smallCargo: 1 } });
    const attacker = await playerAt(t, 'att', { galaxy: 5, system, position: 13 }, { units: { battleship: 100 } });
    return { attacker, carrier, defender };
  }

  const attack = (p: Player, target: Player, speed: number) =>
    send(t, p, { ships: { battleship: 100 }, target: target.coords, mission: 'attack', speed });
  const transport = (p: Player, target: Player, speed: number) =>
    send(t, p, { ships: { smallCargo: 1 }, target: target.coords, mission: 'transport', cargo: CARGO, speed });

  it.each([
    ['transport sent first', true],
    ['attack sent first', false],
  ])('%s: the loot is half the stock without the cargo, then the cargo lands', async (_name, transportFirst) => {
    const { attacker, carrier, defender } = await scene(transportFirst ? 50 : 51);
    const t0 = t.clock.now();
    let tr;
    let at;
    if (transportFirst) {
      tr = await transport(carrier, defender, 10);
      at = await attack(attacker, defender, 100);
    } else {
      at = await attack(attacker, defender, 100);
      tr = await transport(carrier, defender, 10);
    }
    expect(tr?.body.fleet.arrivesAt).toBe(plus(t0, 49_754).toISOString());
    expect(at?.body.fleet.arrivesAt).toBe(plus(t0, 3596).toISOString());
    // Both are due by now; one tick applies them in due order.
    t.clock.set(plus(t0, 49_754));
    await runTick(t.services);
    const loot = { metal: 20_000, crystal: 15_000, deuterium: 10_000 };
    // (the attackers are home again by now: read what they took from the outcome)
    expect((await fleetRow(t, at?.body.fleet.id)).outcome?.loot).toEqual(loot);
    expect((await planetState(t, defender.planetId)).resources).toEqual({
      metal: STOCK.metal - loot.metal + CARGO.metal,
      crystal: STOCK.crystal - loot.crystal,
      deuterium: STOCK.deuterium - loot.deuterium + CARGO.deuterium,
    });
  });

  it('and a transport due first is looted with the rest', async () => {
    const { attacker, carrier, defender } = await scene(52);
    const t0 = t.clock.now();
    const at = await attack(attacker, defender, 10);
    const tr = await transport(carrier, defender, 100);
    expect(at.body.fleet.arrivesAt).toBe(plus(t0, 35_874).toISOString());
    expect(tr.body.fleet.arrivesAt).toBe(plus(t0, 4984).toISOString());
    t.clock.set(plus(t0, 35_874));
    await runTick(t.services);
    const loot = { metal: 22_000, crystal: 15_000, deuterium: 10_500 };
    expect((await fleetRow(t, at.body.fleet.id)).outcome?.loot).toEqual(loot);
    expect((await planetState(t, defender.planetId)).resources).toEqual({ metal: 22_000, crystal: 15_000, deuterium: 10_500 });
  });
});
