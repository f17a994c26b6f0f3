import { useState } from 'react';
import { FLEET_SPEED_STEPS, FLYING_SHIPS, MISSIONS, RESOURCES, type CommandPayload, type MissionId, type Resources } from '@starhold/common';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { queueCommand } from '../commands.js';
import type { ViewPlanet } from '../../sync/overlay.js';
import { fmt, timeOf } from '../../ui/format.js';
import { formatDuration } from '../buildings/selectors.js';
import { MISSION_NAMES, unitName } from '../shipyard/names.js';
import { draftTargetChosen } from './fleetsSlice.js';
import { usePreview } from './usePreview.js';

const ZERO: Resources = { metal: 0, crystal: 0, deuterium: 0 };
const CARRIES: readonly MissionId[] = ['transport', 'deploy', 'colonize'];

/** Ships, target, mission, speed and cargo, with the server's live preview of the flight. */
export function DispatchForm(props: { planet: ViewPlanet; clockOffsetMs: number }) {
  const { planet } = props;
  const dispatch = useAppDispatch();
  const draft = useAppSelector((s) => s.fleets.draft);
  const [ships, setShips] = useState<Record<string, number>>({});
  const [target, setTarget] = useState(draft?.target ?? planet.coords);
  const [mission, setMission] = useState<MissionId>(draft?.mission ?? 'transport');
  const [speed, setSpeed] = useState(100);
  const [cargo, setCargo] = useState<Resources>(ZERO);
  const available = FLYING_SHIPS.filter((s) => (planet.units[s] ?? 0) > 0);
  const chosen = Object.fromEntries(Object.entries(ships).filter(([, n]) => n > 0));
  const carries = CARRIES.includes(mission);
  const plan: CommandPayload<'fleets.send'> | null =
    Object.keys(chosen).length === 0 ? null : { planetId: planet.id, ships: chosen, target, mission, speed, cargo: carries ? cargo : ZERO };
  const { preview, error, loading } = usePreview(plan);
  const num = (v: string) => Math.max(0, Math.floor(Number(v) || 0));
  const send = () => {
    if (!plan) return;
    void dispatch(queueCommand({ type: 'fleets.send', payload: plan }));
    setShips({});
    setCargo(ZERO);
    dispatch(draftTargetChosen(null));
  };
  return (
    <form
      className="dispatch"
      aria-label="Dispatch"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <fieldset>
        <legend>Ships</legend>
        {available.length === 0 && <p className="hint">No ships on this planet.</p>}
        {available.map((s) => (
          <label key={s} className="inline">
            {unitName(s)} <span className="hint">({planet.units[s]})</span>
            <input
              type="number"
              min={0}
              max={planet.units[s]}
              value={ships[s] ?? 0}
              onChange={(e) => setShips({ ...ships, [s]: Math.min(num(e.target.value), planet.units[s] ?? 0) })}
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Target and mission</legend>
        {(['galaxy', 'system', 'position'] as const).map((k) => (
          <label key={k} className="inline">
            {k[0]!.toUpperCase() + k.slice(1)}
            <input type="number" min={1} value={target[k]} onChange={(e) => setTarget({ ...target, [k]: num(e.target.value) })} />
          </label>
        ))}
        <label className="inline">
          Mission
          <select value={mission} onChange={(e) => setMission(e.target.value as MissionId)}>
            {MISSIONS.map((m) => (
              <option key={m} value={m}>
                {MISSION_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {FLEET_SPEED_STEPS.map((v) => (
              <option key={v} value={v}>
                {v}%
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {carries && (
        <fieldset>
          <legend>Cargo</legend>
          {RESOURCES.map((r) => (
            <label key={r} className="inline">
              Cargo {r}
              <input type="number" min={0} value={cargo[r]} onChange={(e) => setCargo({ ...cargo, [r]: num(e.target.value) })} />
            </label>
          ))}
        </fieldset>
      )}
      <div className="preview" aria-label="Flight preview" role="status">
        {!plan ? (
          <span className="hint">Choose ships to see the flight.</span>
        ) : error ? (
          <span className="error">{error}</span>
        ) : preview ? (
          <span data-testid="fleet-preview">
            Distance {fmt(preview.distance)} · flight {formatDuration(preview.durationSeconds)} · fuel {fmt(preview.fuel)} · hold{' '}
            {fmt(preview.capacity)} · arrives {timeOf(Date.parse(preview.arrivesAt) - props.clockOffsetMs)}
            {preview.returnsAt ? ` · back ${timeOf(Date.parse(preview.returnsAt) - props.clockOffsetMs)}` : ''}
          </span>
        ) : (
          <span className="hint">{loading ? 'Planning…' : ''}</span>
        )}
      </div>
      <button type="submit" disabled={!plan || !preview || loading}>
        Send fleet
      </button>
    </form>
  );
}
