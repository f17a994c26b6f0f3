import type { Command } from 'commander';
import type { Services } from '../services.js';
import { notifyControl } from '../control/pg-bus.js';
import { withServices, type CliIo } from './context.js';
import { requirePlayer } from './lookup.js';
import { emit, isoOf, renderFields, withJson, type JsonFlag } from './output.js';

/**
 * Bans a player: they can no longer log in, refresh, or use an access token they still hold
 * (requireAuth checks the ban on every request, each command again in its own transaction), and
 * every refresh token is revoked so an unban does not revive old sessions. Their open sockets are
 * closed at once (control bus; the session sweep is the fallback). Banning twice keeps the original ban time.
 */
async function ban(s: Services, username: string) {
  const player = await requirePlayer(s.orm.em.fork(), username);
  const now = s.clock.now();
  return s.orm.em.fork().transactional(async (tx) => {
    const rows = await tx.execute<{ banned_at: unknown }[]>('update player set banned_at = coalesce(banned_at, ?) where id = ? returning banned_at', [
      now,
      player.id,
    ]);
    const revoked = await tx.execute<{ id: string }[]>(
      'update refresh_token set revoked_at = ? where player_id = ? and revoked_at is null returning id',
      [now, player.id],
    );
    // Delivered at commit to every server's gateway, which closes the player's open sockets at once.
    await notifyControl(tx, { type: 'player.banned', playerId: player.id });
    return {
      id: player.id,
      username: player.username,
      bannedAt: isoOf(rows[0]?.banned_at),
      alreadyBanned: player.bannedAt !== null,
      refreshTokensRevoked: revoked.length,
    };
  });
}

async function unban(s: Services, username: string) {
  const player = await requirePlayer(s.orm.em.fork(), username);
  await s.orm.em.fork().execute('update player set banned_at = null where id = ?', [player.id]);
  return { id: player.id, username: player.username, wasBanned: player.bannedAt !== null, bannedAt: null };
}

export function registerBanCommands(admin: Command, io: CliIo): void {
  withJson(admin.command('ban').argument('<username>', 'the player to ban'))
    .description('ban a player: login, token refresh and API access answer 403 BANNED; revokes their refresh tokens')
    .action(async (username: string, opts: JsonFlag) =>
      withServices(io, async (s) => {
        const r = await ban(s, username);
        emit(io, opts, r, () =>
          renderFields([
            ['player', `${r.username} (#${r.id})`],
            ['banned since', `${r.bannedAt ?? '-'}${r.alreadyBanned ? ' (was already banned)' : ''}`],
            ['refresh tokens revoked', r.refreshTokensRevoked],
          ]),
        );
      }),
    );

  withJson(admin.command('unban').argument('<username>', 'the player to unban'))
    .description('lift a ban (the player logs in again; revoked sessions stay revoked)')
    .action(async (username: string, opts: JsonFlag) =>
      withServices(io, async (s) => {
        const r = await unban(s, username);
        emit(io, opts, r, () =>
          renderFields([
            ['player', `${r.username} (#${r.id})`],
            ['status', r.wasBanned ? 'unbanned' : 'was not banned'],
          ]),
        );
      }),
    );
}
