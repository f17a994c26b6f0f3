import type { Command } from 'commander';
import { registerBody } from '../modules/auth/schemas.js';
import type { Services } from '../services.js';
import { CliError, withServices, type CliIo } from './context.js';
import { emit, isoOf, renderFields, renderTable, withJson, type Column, type JsonFlag } from './output.js';

export interface PlayerRow {
  id: number;
  username: string;
  createdAt: string | null;
  lastSeenAt: string | null;
  bannedAt: string | null;
  planets: number;
}

const COLUMNS: readonly Column<PlayerRow>[] = [
  { header: 'ID', cell: (r) => r.id, right: true },
  { header: 'USERNAME', cell: (r) => r.username },
  { header: 'CREATED', cell: (r) => r.createdAt },
  { header: 'LAST SEEN', cell: (r) => r.lastSeenAt },
  { header: 'BANNED', cell: (r) => r.bannedAt },
  { header: 'PLANETS', cell: (r) => r.planets, right: true },
];

async function listPlayers(s: Services): Promise<PlayerRow[]> {
  const rows = await s.orm.em
    .fork()
    .execute<{ id: number; username: string; created_at: unknown; last_seen_at: unknown; banned_at: unknown; planets: number }[]>(
      `select p.id, p.username, p.created_at, p.last_seen_at, p.banned_at, count(pl.id)::int as planets
     from player p left join planet pl on pl.player_id = p.id
     group by p.id order by p.id`,
    );
  return rows.map((r) => ({
    id: Number(r.id),
    username: r.username,
    createdAt: isoOf(r.created_at),
    lastSeenAt: isoOf(r.last_seen_at),
    bannedAt: isoOf(r.banned_at),
    planets: Number(r.planets),
  }));
}

interface HomePlanet {
  id: number;
  name: string;
  galaxy: number;
  system: number;
  position: number;
}

export async function homePlanetOf(s: Services, playerId: number): Promise<HomePlanet | null> {
  const rows = await s.orm.em
    .fork()
    .execute<HomePlanet[]>('select id, name, galaxy, system, position from planet where player_id = ? order by id limit 1', [playerId]);
  return rows[0] ?? null;
}

/** Same validation, home planet and errors as POST /api/v1/auth/register (the session it opens is not printed). */
async function createPlayer(s: Services, username: string, password: string) {
  const parsed = registerBody.safeParse({ username, password });
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('; '));
  const session = await s.accounts.register(s.orm.em.fork(), parsed.data.username, parsed.data.password);
  const planet = await homePlanetOf(s, session.player.id);
  return { id: session.player.id, username: session.player.username, planet };
}

export function registerPlayerCommands(admin: Command, io: CliIo): void {
  const players = admin.command('players').description('list and create players');

  withJson(players.command('list'))
    .description('list every player: id, username, created, last seen, banned since, number of planets')
    .action(async (opts: JsonFlag) =>
      withServices(io, async (s) => {
        const rows = await listPlayers(s);
        emit(io, opts, rows, () => (rows.length ? renderTable(rows, COLUMNS) : 'No players yet.'));
      }),
    );

  withJson(players.command('create').argument('<username>', '3-20 characters of A-Z, a-z, 0-9, _ or -'))
    .description('create a player with a home planet, exactly like registration')
    .requiredOption('--password <password>', 'at least 8 characters')
    .action(async (username: string, opts: JsonFlag & { password: string }) =>
      withServices(io, async (s) => {
        const created = await createPlayer(s, username, opts.password);
        const p = created.planet;
        emit(io, opts, created, () =>
          renderFields([
            ['player', `${created.username} (#${created.id})`],
            ['home planet', p ? `${p.name} #${p.id} [${p.galaxy}:${p.system}:${p.position}]` : null],
          ]),
        );
      }),
    );
}
