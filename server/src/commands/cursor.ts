import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandEnvelope, CommandOutcome } from '@starhold/common';

/**
 * The outcome of claiming a seq: `claimed` means the cursor now stands at this seq (in the
 * caller's transaction, so a rollback gives it back); `banned` means the player is banned and
 * nothing was written (the cursor does not move); otherwise the cursor row is locked and holds
 * `lastSeq`, with the stored outcome of this seq if the command log still has it.
 */
export type Claim = { claimed: true } | { banned: true } | { claimed: false; lastSeq: number; logged: CommandOutcome | undefined };

/**
 * Checks the ban and locks the (player, clientId) cursor, creating it at 0 if needed, and advances
 * it to `seq` when `seq` is the next one: one statement on the path of a command that runs. The
 * ban is read by the same statement (a ban committed before it is seen; nothing is written for a
 * banned player). An ON CONFLICT DO UPDATE whose WHERE is false still locks the row, and the WHERE
 * is checked against the newest committed version, so concurrent commands of one client are
 * serialized exactly like with SELECT … FOR UPDATE. The cursor's foreign key takes FOR KEY SHARE
 * on the player row, which the lock order allows (db/locks.ts: players are locked FOR NO KEY
 * UPDATE). A seq that is not the next one costs one more read (cursor and stored outcome together).
 */
export async function claimSeq(em: EntityManager, playerId: number, clientId: string, seq: number, now: Date): Promise<Claim> {
  const rows = await em.execute<{ banned: boolean | null; last_seq: string | number | null }[]>(
    `with p as (select banned_at is not null as banned from player where id = ?),
     claimed as (
       insert into client_cursor as c (client_id, player_id, last_seq, updated_at) select ?, ?, ?, ? from p where not p.banned
       on conflict (player_id, client_id) do update set last_seq = ?, updated_at = excluded.updated_at where c.last_seq = ?
       returning last_seq)
     select (select banned from p) as banned, (select last_seq from claimed) as last_seq`,
    [playerId, clientId, playerId, seq === 1 ? 1 : 0, now, seq, seq - 1],
  );
  const row = rows[0];
  if (row?.banned !== false) return { banned: true }; // banned, or no such player (deleted): refuse the same way
  if (row.last_seq !== null && Number(row.last_seq) === seq) return { claimed: true };
  if (row.last_seq !== null) return { claimed: false, lastSeq: Number(row.last_seq), logged: undefined }; // a new cursor, and seq is not 1
  const state = await em.execute<{ last_seq: string | number; outcome: CommandOutcome | null }[]>(
    `select c.last_seq, l.outcome from client_cursor c
     left join command_log l on l.player_id = c.player_id and l.client_id = c.client_id and l.seq = ?
     where c.player_id = ? and c.client_id = ?`,
    [seq, playerId, clientId],
  );
  return { claimed: false, lastSeq: Number(state[0]?.last_seq ?? 0), logged: state[0]?.outcome ?? undefined };
}

/** Stores the final answer of a claimed seq (the cursor already stands at it). */
export async function logOutcome(em: EntityManager, playerId: number, envelope: CommandEnvelope, outcome: CommandOutcome, now: Date): Promise<void> {
  await em.execute('insert into command_log (player_id, client_id, seq, type, status, outcome, created_at) values (?, ?, ?, ?, ?, ?::jsonb, ?)', [
    playerId,
    envelope.clientId,
    envelope.seq,
    envelope.type,
    outcome.status,
    JSON.stringify(outcome),
    now,
  ]);
}

/** The answer for a seq that was not claimed: the stored outcome of a processed one, or a gap. */
export function unclaimedOutcome(claim: Extract<Claim, { claimed: false }>, seq: number): CommandOutcome {
  if (seq > claim.lastSeq + 1) return { status: 'gap', expected: claim.lastSeq + 1 };
  const original = claim.logged;
  if (original?.status === 'rejected') return { status: 'duplicate', original: 'rejected', error: original.error };
  if (original?.status === 'applied') return { status: 'duplicate', original: 'applied', result: original.result };
  // Pruned by retention (retention/records.ts): the seq is at or below the cursor, so it was
  // processed (applied or rejected) and is not run again; which of the two is no longer known.
  return { status: 'duplicate', original: 'unknown' };
}
