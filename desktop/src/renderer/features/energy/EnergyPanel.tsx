import { useAppSelector } from '../../app/store.js';
import { selectCurrentPlanetView } from '../planet/selectors.js';
import { fmt, fmtSigned } from '../../ui/format.js';
import { useNow } from '../../ui/useNow.js';
import { energySummary } from './selectors.js';

export function EnergyPanel() {
  const now = useNow(1000);
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const e = energySummary(planet);
  return (
    <section role="region" aria-label="Energy" className={`panel energy-${e?.colour ?? 'none'}`}>
      <h2>Energy</h2>
      {!e ? (
        <p className="hint">No data yet.</p>
      ) : (
        <>
          <dl>
            <dt>Produced</dt>
            <dd data-testid="energy-produced">{fmt(e.produced)}</dd>
            <dt>Consumed</dt>
            <dd data-testid="energy-consumed">{fmt(e.consumed)}</dd>
            <dt>Balance</dt>
            <dd data-testid="energy-balance">{fmtSigned(e.balance)}</dd>
            <dt>Factor</dt>
            <dd data-testid="energy-factor">{e.factor}%</dd>
            <dt>State</dt>
            <dd data-testid="energy-state">
              <span className={`badge ${e.colour}`}>{e.colour}</span>
            </dd>
          </dl>
          <table className="mines">
            <thead>
              <tr>
                <th>Mine (per hour)</th>
                <th>theoretical</th>
                <th>actual</th>
              </tr>
            </thead>
            <tbody>
              {e.mines.map((m) => (
                <tr key={m.id} data-testid={`mine-${m.id}`}>
                  <td>{m.label}</td>
                  <td>{fmt(m.theoretical)}</td>
                  <td>{fmt(m.actual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
