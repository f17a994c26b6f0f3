import { useEffect, useState } from 'react';
import type { CommandPayload, FleetPreview } from '@starhold/common';
import { useAppDispatch } from '../../app/store.js';
import { previewFleet } from './thunks.js';

export type PreviewState = { preview: FleetPreview | null; error: string | null; loading: boolean };

/** The server's preview of a planned dispatch, asked `delayMs` after the plan stops changing. */
export function usePreview(plan: CommandPayload<'fleets.send'> | null, delayMs = 350): PreviewState {
  const dispatch = useAppDispatch();
  const [state, setState] = useState<PreviewState>({ preview: null, error: null, loading: false });
  const key = plan ? JSON.stringify(plan) : '';
  useEffect(() => {
    // The effect depends on the plan's value, not its identity (a new object on every render):
    // it reads the plan back from `key`.
    const planned = key ? (JSON.parse(key) as CommandPayload<'fleets.send'>) : null;
    if (!planned) {
      setState({ preview: null, error: null, loading: false });
      return undefined;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const t = setTimeout(() => {
      void dispatch(previewFleet(planned)).then((r) => {
        if (!live) return;
        if (previewFleet.fulfilled.match(r)) setState({ preview: r.payload, error: null, loading: false });
        else setState({ preview: null, error: r.payload ?? 'Preview failed', loading: false });
      });
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, delayMs, dispatch]);
  return state;
}
