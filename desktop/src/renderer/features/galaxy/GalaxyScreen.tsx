import { useEffect, useState } from 'react';
import type { MissionId } from '@starhold/common';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { useNow } from '../../ui/useNow.js';
import { fmt } from '../../ui/format.js';
import { selectCurrentPlanetView } from '../planet/selectors.js';
import { draftTargetChosen } from '../fleets/fleetsSlice.js';
import { tabChosen } from '../ui/uiSlice.js';
import { loadGalaxy } from './thunks.js';

/** One solar system: planets, owners (with presence), debris; arrows move to the neighbours. */
export function GalaxyScreen() {
  const now = useNow(5000);
  const dispatch = useAppDispatch();
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const { view, loading, error } = useAppSelector((s) => s.galaxy);
  const [at, setAt] = useState(() => ({ galaxy: planet?.coords.galaxy ?? 1, system: planet?.coords.system ?? 1 }));
  useEffect(() => {
    void dispatch(loadGalaxy(at));
  }, [at, dispatch]);
  const go = (galaxy: number, system: number) => setAt({ galaxy: Math.max(1, galaxy), system: Math.max(1, system) });
  const target = (position: number, mission: MissionId) => {
    dispatch(draftTargetChosen({ target: { ...at, position }, mission }));
    dispatch(tabChosen('fleets'));
  };
  return (
    <div>
      <h2>Galaxy</h2>
      <div className="galaxy-nav" role="group" aria-label="System navigation">
        <button type="button" className="small" onClick={() => go(at.galaxy - 1, at.system)}>
          «
        </button>
        <label className="inline">
          Galaxy <input type="number" min={1} value={at.galaxy} onChange={(e) => go(Number(e.target.value), at.system)} />
        </label>
        <button type="button" className="small" onClick={() => go(at.galaxy + 1, at.system)}>
          »
        </button>
        <button type="button" className="small" onClick={() => go(at.galaxy, at.system - 1)}>
          ‹
        </button>
        <label className="inline">
          System <input type="number" min={1} value={at.system} onChange={(e) => go(at.galaxy, Number(e.target.value))} />
        </label>
        <button type="button" className="small" onClick={() => go(at.galaxy, at.system + 1)}>
          ›
        </button>
        {loading && <span className="hint">Loading…</span>}
      </div>
      {error && <p className="error">{error}</p>}
      {view && view.galaxy === at.galaxy && view.system === at.system && (
        <table className="grid" aria-label={`System ${view.galaxy}:${view.system}`}>
          <thead>
            <tr>
              <th>Pos</th>
              <th>Planet</th>
              <th>Player</th>
              <th>Debris</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.positions.map((p) => (
              <tr key={p.position} data-testid={`slot-${p.position}`}>
                <td>{p.position}</td>
                <td>{p.planet?.name ?? ''}</td>
                <td>
                  {p.planet && (
                    <>
                      {p.planet.player.username} <span className={`badge ${p.planet.player.status}`}>{p.planet.player.status}</span>
                    </>
                  )}
                </td>
                <td>{p.debris ? `${fmt(p.debris.metal)} M · ${fmt(p.debris.crystal)} C` : ''}</td>
                <td>
                  {p.planet && p.planet.planetId === null && (
                    <>
                      <button type="button" className="small" onClick={() => target(p.position, 'attack')}>
                        Attack
                      </button>{' '}
                      <button type="button" className="small secondary" onClick={() => target(p.position, 'espionage')}>
                        Spy
                      </button>
                    </>
                  )}
                  {p.planet && p.planet.planetId !== null && p.planet.planetId !== planet?.id && (
                    <button type="button" className="small" onClick={() => target(p.position, 'transport')}>
                      Transport
                    </button>
                  )}
                  {p.debris && (
                    <button type="button" className="small secondary" onClick={() => target(p.position, 'recycle')}>
                      Recycle
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
