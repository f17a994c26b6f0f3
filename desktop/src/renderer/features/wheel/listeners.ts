import { appliedResult } from '@starhold/common';
import type { AppStartListening } from '../../app/store.js';
import { commandAnswered } from '../outbox/outboxSlice.js';
import { streamEventReceived } from '../planet/planetSlice.js';
import { spinFailed, spinLanded } from './wheelSlice.js';

/** The wheel lands when the spin is answered (ack) or announced (`wheel.spun`), whichever is first. */
export function registerWheelListeners(startListening: AppStartListening): void {
  startListening({
    actionCreator: commandAnswered,
    effect: (action, api) => {
      const { command, outcome } = action.payload;
      if (command.type !== 'wheel.spin') return;
      const result = appliedResult(command, outcome, 'wheel.spin');
      if (result) {
        api.dispatch(spinLanded(result));
      } else if (api.getState().wheel.spinningSeq === command.seq) {
        api.dispatch(spinFailed());
      }
    },
  });
  startListening({
    actionCreator: streamEventReceived,
    effect: (action, api) => {
      if (action.payload.type === 'wheel.spun') api.dispatch(spinLanded(action.payload.data));
    },
  });
}
