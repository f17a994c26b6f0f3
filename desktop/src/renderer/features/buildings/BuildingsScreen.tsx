import { MAX_QUEUE_LENGTH } from '@starhold/common';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { queueCommand } from '../commands.js';
import { selectCurrentPlanetView, selectView, serverNow } from '../planet/selectors.js';
import { confirmUpgradeAsked } from '../ui/uiSlice.js';
import { useNow } from '../../ui/useNow.js';
import { fmtCost, fmtSigned } from '../../ui/format.js';
import { buildingRows, formatDuration, type BuildingRow } from './selectors.js';
import { QueueList } from './QueueList.js';

export function BuildingsScreen() {
  const now = useNow(1000);
  const dispatch = useAppDispatch();
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const research = useAppSelector((s) => selectView(s, now).research?.levels);
  const sNow = useAppSelector((s) => serverNow(s, now));
  const confirm = useAppSelector((s) => s.ui.confirmUpgrade);
  if (!planet) return <p className="hint">Loading…</p>;
  const rows = buildingRows(planet, research, sNow);
  const upgrade = (r: BuildingRow, confirmed = false) => {
    if (r.impact.drops && !confirmed) {
      dispatch(confirmUpgradeAsked(r.id));
      return;
    }
    dispatch(confirmUpgradeAsked(null));
    void dispatch(queueCommand({ type: 'buildings.upgrade', payload: { planetId: planet.id, building: r.id } }));
  };
  const asking = rows.find((r) => r.id === confirm);
  return (
    <div>
      <h2>Building queue</h2>
      <QueueList
        items={planet.queues.building}
        serverNow={sNow}
        label="building"
        onCancel={(id) => void dispatch(queueCommand({ type: 'buildings.cancel', payload: { planetId: planet.id, queueItemId: id } }))}
      />
      {asking && (
        <div role="alertdialog" aria-label="Energy warning" className="warning">
          <p>
            Upgrading {asking.name} to level {asking.nextLevel} changes energy by {fmtSigned(asking.impact.energyDelta)} and lowers the production
            factor from {asking.impact.factorBefore}% to {asking.impact.factorAfter}%: every mine produces less.
          </p>
          <button type="button" onClick={() => upgrade(asking, true)}>
            Upgrade anyway
          </button>{' '}
          <button type="button" className="secondary" onClick={() => dispatch(confirmUpgradeAsked(null))}>
            Keep it
          </button>
        </div>
      )}
      <h2>Buildings</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>Building</th>
            <th>Level</th>
            <th>Next level costs</th>
            <th>Time</th>
            <th>Energy / factor</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`building-${r.id}`}>
              <td>{r.name}</td>
              <td data-testid="level">
                {r.level}
                {r.nextLevel - 1 > r.level ? ` (→ ${r.nextLevel - 1})` : ''}
              </td>
              <td>{fmtCost(r.cost)}</td>
              <td>{formatDuration(r.seconds)}</td>
              <td className={r.impact.drops ? 'warn' : ''} data-testid="impact">
                {r.impact.energyDelta === 0 ? '—' : `${fmtSigned(r.impact.energyDelta)} energy`} · {r.impact.factorAfter}%
                {r.impact.drops && <span aria-label="lowers production"> ⚠</span>}
              </td>
              <td>
                <button
                  type="button"
                  disabled={!r.affordable || r.missing.length > 0 || r.queueFull}
                  title={
                    r.queueFull
                      ? `The queue is full (at most ${MAX_QUEUE_LENGTH} items)`
                      : r.missing.length
                        ? `Needs ${r.missing.join(', ')}`
                        : r.affordable
                          ? ''
                          : 'Not enough resources'
                  }
                  onClick={() => upgrade(r)}
                >
                  Upgrade to {r.nextLevel}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
