import { MAX_QUEUE_LENGTH, hasResources } from '@starhold/common';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { queueCommand } from '../commands.js';
import { selectCurrentPlanetView, selectView, serverNow } from '../planet/selectors.js';
import { QueueList } from '../buildings/QueueList.js';
import { formatDuration } from '../buildings/selectors.js';
import { useNow } from '../../ui/useNow.js';
import { fmtCost } from '../../ui/format.js';
import { researchQueueHasRoom } from '../../sync/overlay-limits.js';

export function ResearchScreen() {
  const now = useNow(1000);
  const dispatch = useAppDispatch();
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const research = useAppSelector((s) => selectView(s, now).research);
  const catalogue = useAppSelector((s) => s.planet.catalogue);
  const sNow = useAppSelector((s) => serverNow(s, now));
  if (!planet || !research) return <p className="hint">Loading…</p>;
  const queueFull = !researchQueueHasRoom(research.queue, planet, sNow);
  return (
    <div>
      <h2>Research queue</h2>
      <QueueList
        items={research.queue}
        serverNow={sNow}
        label="research"
        onCancel={(id) => void dispatch(queueCommand({ type: 'research.cancel', payload: { queueItemId: id } }))}
      />
      <h2>Research</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>Research</th>
            <th>Level</th>
            <th>Next level costs</th>
            <th>Time</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {catalogue.map((c) => {
            const affordable = hasResources(planet.resources, c.nextCost);
            return (
              <tr key={c.id} data-testid={`research-${c.id}`}>
                <td>{c.id}</td>
                <td>{research.levels[c.id]}</td>
                <td>{fmtCost(c.nextCost)}</td>
                <td>{formatDuration(c.nextTimeSeconds)}</td>
                <td>
                  <button
                    type="button"
                    disabled={!affordable || c.missing.length > 0 || queueFull}
                    title={
                      queueFull ? `The queue is full (at most ${MAX_QUEUE_LENGTH} items)` : c.missing.length ? `Needs ${c.missing.join(', ')}` : ''
                    }
                    onClick={() => void dispatch(queueCommand({ type: 'research.start', payload: { planetId: planet.id, research: c.id } }))}
                  >
                    Research
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
