import { useAppSelector } from '../../app/store.js';
import { selectCurrentPlanetView, serverNow } from '../planet/selectors.js';
import { useNow } from '../../ui/useNow.js';
import { DispatchForm } from './DispatchForm.js';
import { Movements } from './Movements.js';

export function FleetsScreen() {
  const now = useNow(1000);
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const fleets = useAppSelector((s) => s.fleets);
  const offset = useAppSelector((s) => s.planet.clockOffsetMs);
  const sNow = useAppSelector((s) => serverNow(s, now));
  if (!planet) return <p className="hint">Loading…</p>;
  return (
    <div>
      <h2>Dispatch from {planet.name}</h2>
      <DispatchForm key={`${planet.id}-${JSON.stringify(fleets.draft)}`} planet={planet} clockOffsetMs={offset} />
      <Movements fleets={fleets.fleets} incoming={fleets.incoming} serverNow={sNow} />
    </div>
  );
}
