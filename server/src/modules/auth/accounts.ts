import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, zeroResearch, type UniverseSettings } from '@starhold/common';
import type { Clock } from '../../clock.js';
import { AppError } from '../../core/errors.js';
import { PlayerSchema, type Player } from '../players/player.entity.js';
import { createHomePlanet, type RandomInt, cryptoRandomInt } from '../planets/placement.js';
import { RefreshTokenSchema } from './refresh-token.entity.js';
import type { DeviceTokens } from './device-token.js';
import { lockRefreshToken } from '../../db/locks.js';
import { hashRefreshToken, newRefreshToken, type AccessTokens } from './tokens.js';
import { usernameSchema } from './schemas.js';

export interface Session {
  player: { id: number; username: string };
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  /** Sent back with later logins so that this device skips the per-username failure limit (device-token.ts). */
  deviceToken: string;
}

export interface AccountDeps {
  clock: Clock;
  tokens: AccessTokens;
  universe: UniverseSettings;
  bcryptCost: number;
  refreshTtlS: number;
  devices: DeviceTokens;
  rnd?: RandomInt;
}

const invalidCredentials = (): AppError => new AppError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
const invalidRefresh = (): AppError => new AppError(ErrorCode.INVALID_REFRESH_TOKEN, 'Refresh token is invalid, expired or already used');

function isUniqueViolation(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    ((e as { code?: unknown }).code === '23505' || (e as { name?: string }).name === 'UniqueConstraintViolationException')
  );
}

/** Registration, login and refresh-token rotation. */
export class Accounts {
  /** A real hash to compare against when the user does not exist, so timing does not tell. */
  private readonly dummyHash: string;

  constructor(private readonly deps: AccountDeps) {
    this.dummyHash = bcrypt.hashSync('starhold-dummy-password', deps.bcryptCost);
  }

  async register(em: EntityManager, username: string, password: string): Promise<Session> {
    const hash = await bcrypt.hash(password, this.deps.bcryptCost);
    const now = this.deps.clock.now();
    try {
      return await em.transactional(async (tx) => {
        const player = tx.create(PlayerSchema, {
          username,
          passwordHash: hash,
          research: zeroResearch(),
          eventSeq: 0,
          createdAt: now,
          lastSeenAt: null,
          bannedAt: null,
        });
        await tx.flush();
        await createHomePlanet(tx, player.id, this.deps.universe, now, this.deps.rnd ?? cryptoRandomInt);
        return this.issueSession(tx, player, randomUUID());
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError(ErrorCode.USERNAME_TAKEN, `The username "${username}" is taken`);
      throw e;
    }
  }

  async login(em: EntityManager, username: string, password: string): Promise<Session> {
    const player = await findByUsername(em, username);
    const ok = await bcrypt.compare(password, player?.passwordHash ?? this.dummyHash);
    if (!player || !ok) throw invalidCredentials();
    if (player.bannedAt) throw new AppError(ErrorCode.BANNED, 'This account is banned');
    return em.transactional((tx) => this.issueSession(tx, player, randomUUID()));
  }

  /** Rotates a refresh token. Presenting a token that was already used revokes its whole family. */
  async refresh(em: EntityManager, refreshToken: string): Promise<Session> {
    const now = this.deps.clock.now();
    const outcome = await em.transactional(async (tx) => {
      // FOR UPDATE (not SKIP LOCKED): a concurrent use of the same token waits, then sees it used and revokes the family.
      const row = await lockRefreshToken(tx, hashRefreshToken(refreshToken));
      if (!row) return { error: invalidRefresh() };
      if (row.usedAt || row.revokedAt) {
        await tx.nativeUpdate(RefreshTokenSchema, { familyId: row.familyId, revokedAt: null }, { revokedAt: now });
        return { error: invalidRefresh() };
      }
      if (row.expiresAt.getTime() <= now.getTime()) return { error: invalidRefresh() };
      const player = await tx.findOne(PlayerSchema, { id: row.playerId });
      if (!player) return { error: invalidRefresh() };
      if (player.bannedAt) return { error: new AppError(ErrorCode.BANNED, 'This account is banned') };
      row.usedAt = now;
      return { session: await this.issueSession(tx, player, row.familyId) };
    });
    if ('error' in outcome && outcome.error) throw outcome.error;
    return (outcome as { session: Session }).session;
  }

  /** Revokes the family of the given refresh token (logging out this installation). */
  async logout(em: EntityManager, refreshToken: string): Promise<void> {
    const row = await em.findOne(RefreshTokenSchema, { tokenHash: hashRefreshToken(refreshToken) });
    if (!row) return;
    await em.nativeUpdate(RefreshTokenSchema, { familyId: row.familyId, revokedAt: null }, { revokedAt: this.deps.clock.now() });
  }

  private async issueSession(em: EntityManager, player: Player, familyId: string): Promise<Session> {
    const now = this.deps.clock.now();
    const refresh = newRefreshToken();
    em.create(RefreshTokenSchema, {
      id: randomUUID(),
      playerId: player.id,
      familyId,
      tokenHash: refresh.hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.deps.refreshTtlS * 1000),
      usedAt: null,
      revokedAt: null,
    });
    await em.flush();
    const access = await this.deps.tokens.sign(player.id, player.username);
    return {
      player: { id: player.id, username: player.username },
      accessToken: access.token,
      accessTokenExpiresAt: new Date(access.expiresAt).toISOString(),
      refreshToken: refresh.token,
      deviceToken: this.deps.devices.issue(player.username),
    };
  }
}

/** The player with this name, any case; null for a string that cannot be a username (e.g. with a NUL, which PostgreSQL text rejects). */
export async function findByUsername(em: EntityManager, username: string): Promise<Player | null> {
  if (!usernameSchema.safeParse(username).success) return null;
  const rows = await em.execute<{ id: number }[]>('select id from player where lower(username) = lower(?)', [username]);
  const id = rows[0]?.id;
  if (id === undefined) return null;
  return em.findOne(PlayerSchema, { id }, { populate: ['passwordHash'] });
}
