import { createAppThunk } from '../../app/thunks.js';
import { ApiError, describeError } from '../../net/errors.js';
import { galaxyFailed, galaxyLoaded, galaxyRequested } from './galaxySlice.js';

export const loadGalaxy = createAppThunk('galaxy/load', async (at: { galaxy: number; system: number }, { extra, dispatch }) => {
  dispatch(galaxyRequested());
  try {
    dispatch(galaxyLoaded(await extra.rest.galaxy(at.galaxy, at.system)));
  } catch (e) {
    dispatch(galaxyFailed(e instanceof ApiError ? describeError(e.body) : String(e)));
  }
});
