import type { AppStartListening } from '../../app/store.js';
import type { SpinResult } from '../../net/api-types.js';
import { commandAnswered } from '../outbox/outboxSlice.js';
import { streamEventReceived } from '../planet/planetSlice.js';
import { spinFailed, spinLanded } from './wheelSlice.js';

function isSpinResult(x: unknown): x is SpinResult {
  return typeof x === 'object' && x !== null && typeof (x as SpinResult).outcome === 'string' && typeof (x as SpinResult).spinId === 'number';
}

/** The wheel lands when the spin is answered (ack) or announced (`wheel.spun`), whichever is first. */
export function registerWheelListeners(startListening: AppStartListening): void {
  startListening({
    actionCreator: commandAnswered,
    effect: (action, api) => {
      const { command, outcome } = action.payload;
      if (command.type !== 'wheel.spin') return;
      if ((outcome.status === 'applied' || outcome.status === 'duplicate') && 'result' in outcome && isSpinResult(outcome.result)) {
        api.dispatch(spinLanded(outcome.result));
      } else if (api.getState().wheel.spinningSeq === command.seq) {
        api.dispatch(spinFailed());
      }
    },
  });
  startListening({
    actionCreator: streamEventReceived,
    effect: (action, api) => {
      if (action.payload.type === 'wheel.spun' && isSpinResult(action.payload.data)) api.dispatch(spinLanded(action.payload.data));
    },
  });
}
