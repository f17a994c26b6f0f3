import { isBuildingId } from '@starhold/common';
import type { ViewQueueItem } from '../../sync/overlay.js';
import { BUILDING_NAMES, formatDuration, progressOf } from './selectors.js';

export function QueueList(props: { items: ViewQueueItem[]; serverNow: number; onCancel: (id: number) => void; label: string }) {
  if (props.items.length === 0) return <p className="hint">The {props.label} queue is empty.</p>;
  return (
    <ol className="queue" aria-label={`${props.label} queue`}>
      {props.items.map((q) => {
        const name = isBuildingId(q.target) ? BUILDING_NAMES[q.target] : q.target;
        const p = progressOf(q, props.serverNow);
        const left = q.endsAt ? (Date.parse(q.endsAt) - props.serverNow) / 1000 : null;
        return (
          <li key={q.id} data-testid={`queue-${q.target}-${q.level}`} className={q.pending ? 'pending' : ''}>
            <span className="qname">
              {name} → {q.level}
            </span>
            {q.pending ? (
              <span className="hint">waiting in outbox (#{q.seq})</span>
            ) : q.startsAt ? (
              <>
                <progress max={1} value={p} aria-label={`${name} progress`} />
                <span className="countdown" data-testid="countdown">
                  {left !== null && left > 0 ? formatDuration(left) : 'finishing…'}
                </span>
              </>
            ) : (
              <span className="hint">queued</span>
            )}
            {!q.pending && (
              <button type="button" className="small" onClick={() => props.onCancel(q.id)}>
                Cancel
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
