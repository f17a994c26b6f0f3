import type { CommandPayload, CommandType } from '@starhold/common';
import { createAppThunk } from '../app/thunks.js';
import { notify } from './notifications/notificationsSlice.js';
import { rejectionText } from './notifications/listeners.js';
import { refusalOf } from './planet/selectors.js';
import { spinQueued, verifyFailed, verifyFinished, verifyStarted } from './wheel/wheelSlice.js';
import { verifySpin } from './wheel/verify.js';
import { wheelHistoryLoaded } from './wheel/wheelSlice.js';

/** A command type with its matching payload. */
export type AnyCommand = { [T in CommandType]: { type: T; payload: CommandPayload<T> } }[CommandType];

/**
 * Every player action goes through here: into the outbox first, then (when connected) to the server.
 * One the server would refuse as things stand (a full queue: the view applies the server's limits to
 * what is pending) is rejected at once, like a server rejection, and never stored.
 */
export const queueCommand = createAppThunk('outbox/queue', async (c: AnyCommand, { extra, dispatch, getState, rejectWithValue }) => {
  const refusal = refusalOf(getState(), extra.now(), c);
  if (refusal) {
    dispatch(notify('error', rejectionText(c.type, c.payload, refusal)));
    return rejectWithValue(refusal.message);
  }
  const sync = extra.runtime.sync;
  if (!sync) return rejectWithValue('Not signed in');
  try {
    const cmd = await sync.enqueue(c.type, c.payload);
    return cmd.seq;
  } catch (e) {
    dispatch(notify('error', `Could not store the command: ${String(e)}`));
    return rejectWithValue(String(e));
  }
});

export const spinWheel = createAppThunk('wheel/spin', async (clientSeed: string, { dispatch, getState, rejectWithValue }) => {
  const planetId = getState().session.planetId;
  if (planetId === null) return rejectWithValue('No planet');
  const r = await dispatch(queueCommand({ type: 'wheel.spin', payload: { planetId, clientSeed } }));
  if (queueCommand.fulfilled.match(r)) dispatch(spinQueued(r.payload));
  return undefined;
});

/** Reveals the current seed (rotating it) so that its spins can be verified. */
export const revealSeed = createAppThunk('wheel/reveal', async (_: void, { extra, dispatch, rejectWithValue }) => {
  try {
    await extra.rest.rotateSeed();
    dispatch(wheelHistoryLoaded((await extra.rest.wheelHistory()).spins));
    return undefined;
  } catch (e) {
    dispatch(notify('error', `Could not reveal the seed: ${String(e)}`));
    return rejectWithValue(String(e));
  }
});

export const verify = createAppThunk('wheel/verify', async (spinId: number, { getState, dispatch }) => {
  const entry = getState().wheel.history.find((h) => h.id === spinId);
  dispatch(verifyStarted(spinId));
  try {
    if (!entry) throw new Error('Unknown spin');
    dispatch(verifyFinished(await verifySpin(entry)));
  } catch (e) {
    dispatch(verifyFailed(e instanceof Error ? e.message : String(e)));
  }
});
