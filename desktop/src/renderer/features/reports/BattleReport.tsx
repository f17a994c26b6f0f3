import type { BattleReportView } from '@starhold/common';
import { fmt, fmtCost } from '../../ui/format.js';
import { fmtCoords, fmtUnits } from '../shipyard/names.js';

const WINNER = { attacker: 'The attacker won', defender: 'The defender won', draw: 'Draw' } as const;

/** A battle report: both sides, each round's fire, losses, debris and loot. */
export function BattleReport({ report: r }: { report: BattleReportView }) {
  const res = r.result;
  return (
    <article className="report" aria-label={`Battle report ${r.id}`} data-testid="battle-report">
      <h2>
        Battle at {r.planetName} {fmtCoords(r.coords)}
      </h2>
      <p className="hint">
        {new Date(r.at).toLocaleString('en-GB')} · you were the {r.role}
      </p>
      <p data-testid="battle-winner">
        <strong>{WINNER[r.winner]}</strong> after {r.rounds} round{r.rounds === 1 ? '' : 's'}.
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th />
            <th>{r.attacker.username} (attacker)</th>
            <th>{r.defender.username} (defender)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Units</td>
            <td>{fmtUnits(r.input.attackers.units)}</td>
            <td>{fmtUnits(r.input.defenders.units)}</td>
          </tr>
          <tr>
            <td>Survivors</td>
            <td>{fmtUnits(res.survivors.attacker)}</td>
            <td>{fmtUnits(res.survivors.defender)}</td>
          </tr>
          <tr>
            <td>Lost units</td>
            <td>{fmtUnits(res.attackerLosses.units)}</td>
            <td>{fmtUnits(res.defenderLosses.units)}</td>
          </tr>
          <tr>
            <td>Losses</td>
            <td data-testid="attacker-losses">{fmtCost(r.attackerLosses)}</td>
            <td data-testid="defender-losses">{fmtCost(r.defenderLosses)}</td>
          </tr>
        </tbody>
      </table>
      <h3>Rounds</h3>
      <table className="grid" aria-label="Rounds">
        <thead>
          <tr>
            <th>Round</th>
            <th>Attacker shots / damage / absorbed</th>
            <th>Defender shots / damage / absorbed</th>
            <th>Left</th>
          </tr>
        </thead>
        <tbody>
          {res.rounds.map((x) => (
            <tr key={x.round}>
              <td>{x.round}</td>
              <td>
                {fmt(x.attacker.shots)} / {fmt(x.attacker.damage)} / {fmt(x.attacker.absorbed)}
              </td>
              <td>
                {fmt(x.defender.shots)} / {fmt(x.defender.damage)} / {fmt(x.defender.absorbed)}
              </td>
              <td className="hint">
                {fmtUnits(x.remaining.attacker)} vs {fmtUnits(x.remaining.defender)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Debris:{' '}
        <span data-testid="battle-debris">
          {fmt(r.debris.metal)} metal · {fmt(r.debris.crystal)} crystal
        </span>
        <br />
        Loot: <span data-testid="battle-loot">{fmtCost(r.loot)}</span>
        {Object.keys(res.repairedDefenses).length > 0 && (
          <>
            <br />
            Repaired defenses: {fmtUnits(res.repairedDefenses)}
          </>
        )}
        <br />
        <span className="hint">
          Moon chance {Math.round(res.moonChance * 100)}% · seed {r.seed} · engine v{r.engineVersion}
        </span>
      </p>
    </article>
  );
}
