import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { planetSelected } from '../session/sessionSlice.js';

/** Chooses the planet every screen shows. */
export function PlanetSwitcher() {
  const dispatch = useAppDispatch();
  const planets = useAppSelector((s) => s.planet.planets);
  const current = useAppSelector((s) => s.session.planetId);
  const list = Object.values(planets).sort((a, b) => a.id - b.id);
  if (list.length === 0) return null;
  return (
    <label className="switcher">
      Planet{' '}
      <select value={current ?? ''} onChange={(e) => dispatch(planetSelected(Number(e.target.value)))}>
        {list.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} [{p.coords.galaxy}:{p.coords.system}:{p.coords.position}]
          </option>
        ))}
      </select>
    </label>
  );
}
