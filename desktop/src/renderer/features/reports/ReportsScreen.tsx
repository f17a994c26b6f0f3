import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { fmtCost } from '../../ui/format.js';
import { fmtCoords } from '../shipyard/names.js';
import { BattleReport } from './BattleReport.js';
import { EspionageReport } from './EspionageReport.js';
import { reportOpened } from './reportsSlice.js';
import { openReport } from './thunks.js';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB');

/** Battle and espionage reports, newest first; one opens below the lists. */
export function ReportsScreen() {
  const dispatch = useAppDispatch();
  const { battles, espionage, open } = useAppSelector((s) => s.reports);
  if (open) {
    return (
      <div>
        <button type="button" className="secondary" onClick={() => dispatch(reportOpened(null))}>
          Back to reports
        </button>
        {open.kind === 'battle' ? <BattleReport report={open.report} /> : <EspionageReport report={open.report} />}
      </div>
    );
  }
  return (
    <div>
      <h2>Battle reports</h2>
      {battles.length === 0 ? (
        <p className="hint">No battles yet.</p>
      ) : (
        <ul className="reports" aria-label="Battle reports">
          {battles.map((b) => (
            <li key={b.id} data-testid={`battle-${b.id}`}>
              <span>
                {when(b.at)} · {b.attacker.username} attacked {b.defender.username} at {b.planetName} {fmtCoords(b.coords)} · {b.winner} won · loot{' '}
                {fmtCost(b.loot)}
              </span>
              <button type="button" className="small" onClick={() => void dispatch(openReport({ kind: 'battle', id: b.id }))}>
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>Espionage reports</h2>
      {espionage.length === 0 ? (
        <p className="hint">No espionage reports.</p>
      ) : (
        <ul className="reports" aria-label="Espionage reports">
          {espionage.map((r) => (
            <li key={r.id} data-testid={`espionage-${r.id}`}>
              <span>
                {when(r.at)} · {r.spy.username} → {r.target.username} at {r.planetName} {fmtCoords(r.coords)} · {r.sections.join(', ')}
              </span>
              <button type="button" className="small" onClick={() => void dispatch(openReport({ kind: 'espionage', id: r.id }))}>
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
