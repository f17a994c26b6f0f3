import type { Command } from 'commander';
import { ErrorCode, type Resources } from '@starhold/common';
import { RuleError } from '../core/errors.js';
import { amountsOf } from '../modules/planets/economy.js';
import { lockOwnPlanet } from '../modules/planets/locking.js';
import { StreamBatch } from '../modules/stream/stream.js';
import type { Services } from '../services.js';
import { parseAmount, parseId } from './args.js';
import { CliError, withServices, type CliIo } from './context.js';
import { requirePlayer } from './lookup.js';
import { homePlanetOf } from './players.js';
import { emit, renderFields, withJson, type JsonFlag } from './output.js';

/**
 * Stream event written with a grant (data: planetId, granted, resources). Clients get it on their
 * next replay; the CLI is another process, so a server's live sockets see it only once the
 * gateway picks up events committed elsewhere.
 */
export const GRANTED_EVENT = 'resources.granted';

interface GrantOptions extends JsonFlag {
  metal: number;
  crystal: number;
  deuterium: number;
  planet?: number;
}

const listed = (r: Resources): string => `metal ${r.metal}, crystal ${r.crystal}, deuterium ${r.deuterium}`;

function amountsToGrant(opts: GrantOptions): Resources {
  const amounts = { metal: opts.metal, crystal: opts.crystal, deuterium: opts.deuterium };
  if (amounts.metal + amounts.crystal + amounts.deuterium === 0) {
    throw new CliError('nothing to grant: give --metal, --crystal and/or --deuterium');
  }
  return amounts;
}

/**
 * Settles the planet (locked, in one transaction), adds the amounts and appends the stream
 * event, so the grant is exact and the player's clients learn of it. Storage caps do not limit
 * a grant.
 */
async function grant(s: Services, username: string, opts: GrantOptions) {
  const amounts = amountsToGrant(opts);
  const player = await requirePlayer(s.orm.em.fork(), username);
  const planetId = opts.planet ?? (await homePlanetOf(s, player.id))?.id;
  if (planetId === undefined) throw new CliError(`player "${player.username}" has no planet`);

  const now = s.clock.now();
  const stream = new StreamBatch();
  const result = await s.orm.em.fork().transactional(async (tx) => {
    const planet = await lockOwnPlanet(tx, s, player.id, planetId, now).catch((e: unknown) => {
      if (e instanceof RuleError && e.code === ErrorCode.NOT_FOUND)
        throw new CliError(`player "${player.username}" has no planet with id ${planetId}`);
      throw e;
    });
    const after = { metal: planet.metal + amounts.metal, crystal: planet.crystal + amounts.crystal, deuterium: planet.deuterium + amounts.deuterium };
    if (!Object.values(after).every(Number.isSafeInteger)) throw new CliError('the planet would hold more than 2^53 of a resource');
    Object.assign(planet, after);
    const resources = amountsOf(planet);
    await stream.append(tx, player.id, GRANTED_EVENT, { planetId: planet.id, granted: amounts, resources }, now);
    return {
      player: { id: player.id, username: player.username },
      planet: { id: planet.id, name: planet.name, galaxy: planet.galaxy, system: planet.system, position: planet.position },
      granted: amounts,
      resources,
    };
  });
  s.stream.publish(stream.events);
  return result;
}

export function registerGrantCommand(admin: Command, io: CliIo): void {
  withJson(admin.command('grant').argument('<username>', 'the player who receives the resources'))
    .description("add resources to a player's home planet (or to --planet, which must be theirs)")
    .option('--metal <n>', 'metal to add', parseAmount, 0)
    .option('--crystal <n>', 'crystal to add', parseAmount, 0)
    .option('--deuterium <n>', 'deuterium to add', parseAmount, 0)
    .option('--planet <id>', "planet id (default: the player's home planet, their first)", parseId)
    .action(async (username: string, opts: GrantOptions) => {
      amountsToGrant(opts); // fail before touching the database
      await withServices(io, async (s) => {
        const r = await grant(s, username, opts);
        emit(io, opts, r, () =>
          renderFields([
            ['player', `${r.player.username} (#${r.player.id})`],
            ['planet', `${r.planet.name} #${r.planet.id} [${r.planet.galaxy}:${r.planet.system}:${r.planet.position}]`],
            ['granted', listed(r.granted)],
            ['resources now', listed(r.resources)],
          ]),
        );
      });
    });
}
