import type { CommandPayload, FleetPreview } from '@starhold/common';
import { createAppThunk } from '../../app/thunks.js';
import { ApiError, describeError } from '../../net/errors.js';

/** POST /api/v1/fleets/preview: the flight as the server would plan it (writes nothing). */
export const previewFleet = createAppThunk<FleetPreview, CommandPayload<'fleets.send'>>(
  'fleets/preview',
  async (plan, { extra, rejectWithValue }) => {
    try {
      return await extra.rest.fleetPreview(plan);
    } catch (e) {
      return rejectWithValue(e instanceof ApiError ? describeError(e.body) : String(e));
    }
  },
);
