import { ErrorCode } from '@starhold/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../core/errors.js';

/**
 * 403 BANNED unless the player exists and is not banned, read in the caller's transaction (a ban
 * committed before this statement is seen and the transaction writes nothing). The command
 * pipeline does the same inside its cursor claim (cursor.ts), without a statement of its own.
 */
export async function assertNotBanned(em: EntityManager, playerId: number): Promise<void> {
  const rows = await em.execute<{ banned: boolean }[]>('select banned_at is not null as banned from player where id = ?', [playerId]);
  if (rows[0]?.banned !== false) throw new AppError(ErrorCode.BANNED, 'This account is banned');
}
