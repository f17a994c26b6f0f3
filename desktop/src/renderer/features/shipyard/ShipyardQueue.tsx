import type { ShipyardOrderView } from '@starhold/common';
import { formatDuration } from '../buildings/selectors.js';
import { unitName } from './names.js';

/** The planet's shipyard orders: the running one with its progress and the next unit's countdown. */
export function ShipyardQueue(props: { orders: ShipyardOrderView[]; serverNow: number }) {
  if (props.orders.length === 0) return <p className="hint">The shipyard queue is empty.</p>;
  return (
    <ol className="queue" aria-label="shipyard queue">
      {props.orders.map((o) => {
        const start = o.startsAt ? Date.parse(o.startsAt) : null;
        const done = start === null ? 0 : Math.min(o.count, Math.max(o.delivered, Math.floor((props.serverNow - start) / (o.unitSeconds * 1000))));
        const left = o.endsAt ? (Date.parse(o.endsAt) - props.serverNow) / 1000 : null;
        return (
          <li key={o.id} data-testid={`shipyard-order-${o.unit}`}>
            <span className="qname">
              {o.count} × {unitName(o.unit)}
            </span>
            {start === null ? (
              <span className="hint">queued</span>
            ) : (
              <>
                <progress max={o.count} value={done} aria-label={`${unitName(o.unit)} progress`} />
                <span data-testid="delivered">
                  {done}/{o.count}
                </span>
                <span className="countdown">{left !== null && left > 0 ? formatDuration(left) : 'finishing…'}</span>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
