import { RESOURCES } from '@starhold/common';
import { useAppSelector } from '../../app/store.js';
import { fmt, fmtSigned } from '../../ui/format.js';
import { useNow } from '../../ui/useNow.js';
import { selectCurrentPlanetView } from './selectors.js';

const NAMES = { metal: 'Metal', crystal: 'Crystal', deuterium: 'Deuterium' } as const;

/** Resources counting up live (extrapolated between server events), pending costs already taken. */
export function ResourceBar() {
  const now = useNow(1000);
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  if (!planet) return <div className="resources hint">Loading planet…</div>;
  return (
    <div className="resources" aria-label="Resources">
      {RESOURCES.map((r) => (
        <div key={r} className={`res res-${r}`}>
          <span className="label">{NAMES[r]}</span>
          <span className="amount" data-testid={`res-${r}`}>
            {fmt(planet.resources[r])}
          </span>
          <span className="hint">
            {planet.production ? `${fmtSigned(planet.production.actual[r])}/h` : ''} · cap {fmt(planet.storage[r])}
          </span>
        </div>
      ))}
    </div>
  );
}
