import type { FleetView, IncomingFleetView, MissionOutcome } from '@starhold/common';
import { useAppDispatch } from '../../app/store.js';
import { queueCommand } from '../commands.js';
import { fmtCost } from '../../ui/format.js';
import { formatDuration } from '../buildings/selectors.js';
import { MISSION_NAMES, fmtCoords, fmtUnits } from '../shipyard/names.js';

function describeOutcome(o: MissionOutcome): string {
  switch (o.mission) {
    case 'transport':
      return `Delivered ${fmtCost(o.delivered)}`;
    case 'deploy':
      return 'Deployed';
    case 'attack':
      return `Battle: ${o.winner ?? 'no fight'} won${o.destroyed ? ', fleet destroyed' : ''} · loot ${fmtCost(o.loot)}`;
    case 'espionage':
      return 'Espionage report ready';
    case 'recycle':
      return `Collected ${o.collected.metal} M · ${o.collected.crystal} C`;
    case 'colonize':
      return o.planetId ? 'Colony founded' : `No colony (${o.reason ?? 'unknown'})`;
  }
}

/** Own fleets with countdowns to arrival and return, a recall button, and other players' fleets coming in. */
export function Movements(props: { fleets: FleetView[]; incoming: IncomingFleetView[]; serverNow: number }) {
  const dispatch = useAppDispatch();
  const left = (iso: string | null) => (iso ? formatDuration((Date.parse(iso) - props.serverNow) / 1000) : '—');
  return (
    <>
      <h2>Fleet movements</h2>
      {props.fleets.length === 0 ? (
        <p className="hint">No fleets in flight.</p>
      ) : (
        <ul className="movements" aria-label="Fleet movements">
          {props.fleets.map((f) => (
            <li key={f.id} data-testid={`fleet-${f.id}`} className={`fleet-${f.state}`}>
              <strong>{MISSION_NAMES[f.mission]}</strong> {fmtCoords(f.origin.coords)} → {fmtCoords(f.target.coords)}
              <span className="badge" data-testid="fleet-state">
                {f.state}
              </span>
              <div className="hint">
                {fmtUnits(f.ships)}
                {f.cargo.metal + f.cargo.crystal + f.cargo.deuterium > 0 ? ` · cargo ${fmtCost(f.cargo)}` : ''}
              </div>
              {f.state === 'outbound' && (
                <div>
                  Arrives in{' '}
                  <span className="countdown" data-testid="fleet-countdown">
                    {left(f.arrivesAt)}
                  </span>
                </div>
              )}
              {f.state === 'returning' && (
                <div>
                  Back in{' '}
                  <span className="countdown" data-testid="fleet-countdown">
                    {left(f.returnsAt)}
                  </span>
                </div>
              )}
              {f.outcome && <div data-testid="fleet-outcome">{describeOutcome(f.outcome)}</div>}
              {f.recallable && (
                <button
                  type="button"
                  className="small"
                  onClick={() => void dispatch(queueCommand({ type: 'fleets.recall', payload: { fleetId: f.id } }))}
                >
                  Recall
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.incoming.length > 0 && (
        <>
          <h3>Incoming</h3>
          <ul className="movements" aria-label="Incoming fleets">
            {props.incoming.map((f) => (
              <li key={f.id} className={`incoming-${f.mission}`} data-testid={`incoming-${f.id}`}>
                <strong>{MISSION_NAMES[f.mission]}</strong> by {f.owner.username} from {fmtCoords(f.origin.coords)} → {fmtCoords(f.target.coords)} ·{' '}
                {f.shipCount} ships · in <span className="countdown">{left(f.arrivesAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
