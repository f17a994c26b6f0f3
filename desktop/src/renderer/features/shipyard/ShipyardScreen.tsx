import { useState } from 'react';
import { hasResources, unitCost } from '@starhold/common';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { queueCommand } from '../commands.js';
import { selectCurrentPlanetView, serverNow } from '../planet/selectors.js';
import type { ShipyardCatalogueEntry } from '@starhold/common';
import { useNow } from '../../ui/useNow.js';
import { fmtCost } from '../../ui/format.js';
import { formatDuration } from '../buildings/selectors.js';
import { ShipyardQueue } from './ShipyardQueue.js';
import { unitName } from './names.js';

/** Ships and defenses: cost, time per unit, requirements, an order with a count, the queue. */
export function ShipyardScreen() {
  const now = useNow(1000);
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const shipyard = useAppSelector((s) => (s.session.planetId === null ? undefined : s.shipyard.byPlanet[s.session.planetId]));
  const sNow = useAppSelector((s) => serverNow(s, now));
  if (!planet || !shipyard) return <p className="hint">Loading the shipyard…</p>;
  const rows = shipyard.catalogue.map((c) => ({ ...c, count: planet.units[c.id] ?? c.count }));
  return (
    <div>
      <h2>Shipyard queue</h2>
      <ShipyardQueue orders={planet.queues.shipyard ?? []} serverNow={sNow} />
      <UnitTable title="Ships" rows={rows.filter((r) => r.kind === 'ship')} planetId={planet.id} resources={planet.resources} />
      <UnitTable title="Defense" rows={rows.filter((r) => r.kind === 'defense')} planetId={planet.id} resources={planet.resources} />
    </div>
  );
}

function UnitTable(props: { title: string; rows: ShipyardCatalogueEntry[]; planetId: number; resources: Parameters<typeof hasResources>[0] }) {
  return (
    <>
      <h2>{props.title}</h2>
      <table className="grid" aria-label={props.title}>
        <thead>
          <tr>
            <th>Unit</th>
            <th>On planet</th>
            <th>Cost each</th>
            <th>Time each</th>
            <th>Order</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <UnitRow key={r.id} row={r} planetId={props.planetId} resources={props.resources} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function UnitRow(props: { row: ShipyardCatalogueEntry; planetId: number; resources: Parameters<typeof hasResources>[0] }) {
  const dispatch = useAppDispatch();
  const [count, setCount] = useState(1);
  const r = props.row;
  const affordable = count > 0 && hasResources(props.resources, unitCost(r.id, count));
  const why = r.missing.length ? `Needs ${r.missing.join(', ')}` : affordable ? '' : 'Not enough resources';
  return (
    <tr data-testid={`unit-${r.id}`}>
      <td>
        {unitName(r.id)}
        {r.missing.length > 0 && <div className="hint">needs {r.missing.join(', ')}</div>}
      </td>
      <td data-testid="count">{r.count}</td>
      <td>{fmtCost(r.cost)}</td>
      <td>{formatDuration(r.unitSeconds)}</td>
      <td className="order">
        <input
          type="number"
          min={1}
          value={count}
          aria-label={`${unitName(r.id)} count`}
          onChange={(e) => setCount(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
        />
        <button
          type="button"
          disabled={!affordable || r.missing.length > 0}
          title={why}
          onClick={() => void dispatch(queueCommand({ type: 'shipyard.build', payload: { planetId: props.planetId, unit: r.id, count } }))}
        >
          Build
        </button>
      </td>
    </tr>
  );
}
