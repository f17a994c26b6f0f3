import { createAppThunk } from '../../app/thunks.js';
import { ApiError, describeError } from '../../net/errors.js';
import { notify } from '../notifications/notificationsSlice.js';
import { reportOpened } from './reportsSlice.js';

export const openReport = createAppThunk('reports/open', async (r: { kind: 'battle' | 'espionage'; id: number }, { extra, dispatch }) => {
  try {
    if (r.kind === 'battle') dispatch(reportOpened({ kind: 'battle', report: await extra.rest.battleReport(r.id) }));
    else dispatch(reportOpened({ kind: 'espionage', report: await extra.rest.espionageReport(r.id) }));
  } catch (e) {
    dispatch(notify('error', `Could not open the report: ${e instanceof ApiError ? describeError(e.body) : String(e)}`));
  }
});
