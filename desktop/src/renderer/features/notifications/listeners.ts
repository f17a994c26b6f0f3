import type { AppStartListening } from '../../app/store.js';
import { describeError } from '../../net/errors.js';
import { commandAnswered } from '../outbox/outboxSlice.js';
import { streamEventReceived } from '../planet/planetSlice.js';
import { BUILDING_NAMES } from '../buildings/selectors.js';
import { notify } from './notificationsSlice.js';
import { isBuildingId, type ErrorBody } from '@starhold/common';
import { describeFleetEvent } from '../fleets/describe.js';

const LABEL: Record<string, string> = {
  'buildings.upgrade': 'Upgrade',
  'buildings.cancel': 'Cancel',
  'research.start': 'Research',
  'research.cancel': 'Cancel research',
  'wheel.spin': 'Wheel spin',
  'shipyard.build': 'Shipyard order',
  'fleets.send': 'Fleet dispatch',
  'fleets.recall': 'Recall',
};

function describeCommand(type: string, payload: unknown): string {
  const p = (payload ?? {}) as { building?: string; research?: string };
  const what = p.building && isBuildingId(p.building) ? BUILDING_NAMES[p.building] : (p.research ?? '');
  return `${LABEL[type] ?? type}${what ? ` ${what}` : ''}`;
}

/** How a rejected command is told to the player (by the server, or at once by the view's own rules). */
export function rejectionText(type: string, payload: unknown, error: ErrorBody): string {
  return `${describeCommand(type, payload)} was rejected — ${describeError(error)}`;
}

/** Tells the player about rejections, finished builds and wheel results (and the desktop shell too). */
export function registerNotificationListeners(startListening: AppStartListening): void {
  startListening({
    actionCreator: commandAnswered,
    effect: (action, api) => {
      const { command, outcome } = action.payload;
      const error =
        outcome.status === 'rejected' ? outcome.error : outcome.status === 'duplicate' && outcome.original === 'rejected' ? outcome.error : null;
      if (error) api.dispatch(notify('error', rejectionText(command.type, command.payload, error)));
    },
  });
  startListening({
    actionCreator: streamEventReceived,
    effect: (action, api) => {
      const e = action.payload;
      let text: string | null = null;
      if (e.type === 'building.completed') {
        text = `${BUILDING_NAMES[e.data.building]} reached level ${e.data.level}`;
      } else if (e.type === 'research.completed') {
        text = `Research ${e.data.research} reached level ${e.data.level}`;
      } else if (e.type === 'wheel.spun') {
        const r = e.data;
        text = r.multiplier === 1 ? 'Lucky wheel: no win this time' : `Lucky wheel: ×${r.multiplier} production`;
      }
      const fleet = text ? null : describeFleetEvent(e, api.getState().session.player?.id ?? null);
      if (fleet) text = fleet.text;
      if (!text) return;
      api.dispatch(notify(fleet?.level ?? 'success', text));
      api.extra.desktop?.notify({ title: 'Starhold', body: text });
    },
  });
}
