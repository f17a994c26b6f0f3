import type { EntityManager } from '@mikro-orm/postgresql';
import { findByUsername } from '../modules/auth/accounts.js';
import type { Player } from '../modules/players/player.entity.js';
import { CliError } from './context.js';

/** The player with this username (case-insensitive, like login), or a CliError. */
export async function requirePlayer(em: EntityManager, username: string): Promise<Player> {
  const player = await findByUsername(em, username);
  if (!player) throw new CliError(`no player named "${username}"`);
  return player;
}
