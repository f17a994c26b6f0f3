import { useAppSelector } from '../../app/store.js';
import { useNow } from '../../ui/useNow.js';
import { QueueList } from '../buildings/QueueList.js';
import { selectCurrentPlanetView, selectView, serverNow } from './selectors.js';
import { useAppDispatch } from '../../app/store.js';
import { queueCommand } from '../commands.js';
import { fmt } from '../../ui/format.js';

export function OverviewScreen() {
  const now = useNow(1000);
  const dispatch = useAppDispatch();
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const pending = useAppSelector((s) => selectView(s, now).pending);
  const sNow = useAppSelector((s) => serverNow(s, now));
  if (!planet) return <p className="hint">Loading your planet…</p>;
  const c = planet.coords;
  return (
    <div>
      <h2>
        {planet.name}{' '}
        <span className="hint">
          [{c.galaxy}:{c.system}:{c.position}]
        </span>
      </h2>
      <p className="hint">
        {planet.fields} fields{planet.temperature ? ` · ${planet.temperature.min}°C to ${planet.temperature.max}°C` : ''}
        {planet.buff ? ` · wheel buff ×${planet.buff.multiplier}` : ''}
      </p>
      <h3>Building queue</h3>
      <QueueList
        items={planet.queues.building}
        serverNow={sNow}
        label="building"
        onCancel={(id) => void dispatch(queueCommand({ type: 'buildings.cancel', payload: { planetId: planet.id, queueItemId: id } }))}
      />
      <h3>Waiting to be sent</h3>
      {pending.length === 0 ? (
        <p className="hint">Nothing: every command has reached the server.</p>
      ) : (
        <ul className="pending-list" aria-label="Pending commands">
          {pending.map((p) => (
            <li key={p.seq}>
              #{p.seq} {p.label}
              {p.doubtful ? <span className="warn"> — {p.doubtful}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <h3>Production per hour</h3>
      {planet.production && (
        <p>
          {fmt(planet.production.actual.metal)} metal · {fmt(planet.production.actual.crystal)} crystal · {fmt(planet.production.actual.deuterium)}{' '}
          deuterium
        </p>
      )}
    </div>
  );
}
