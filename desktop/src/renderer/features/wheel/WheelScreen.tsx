import { useState } from 'react';
import { WHEEL_COST, hasResources } from '@starhold/common';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { revealSeed, spinWheel, verify } from '../commands.js';
import { selectCurrentPlanetView, serverNow } from '../planet/selectors.js';
import { formatDuration } from '../buildings/selectors.js';
import { useNow } from '../../ui/useNow.js';
import { fmtCost, timeOf } from '../../ui/format.js';
import { WheelGraphic } from './WheelGraphic.js';

const randomSeed = (): string => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');

export function WheelScreen() {
  const now = useNow(250);
  const dispatch = useAppDispatch();
  const w = useAppSelector((s) => s.wheel);
  const planet = useAppSelector((s) => selectCurrentPlanetView(s, now));
  const sNow = useAppSelector((s) => serverNow(s, now));
  const [clientSeed, setClientSeed] = useState(randomSeed);
  const cooldownLeft = w.status?.nextSpinAt ? (Date.parse(w.status.nextSpinAt) - sNow) / 1000 : 0;
  const cost = w.status?.cost ?? WHEEL_COST;
  const affordable = planet ? hasResources(planet.resources, cost) : false;
  const spinning = w.spinningSeq !== null;
  const buffs = (w.status?.activeBuffs ?? []).filter((b) => Date.parse(b.endsAt) > sNow);
  const spin = () => {
    void dispatch(spinWheel(clientSeed));
    setClientSeed(randomSeed());
  };
  return (
    <div className="wheel-screen">
      <div className="wheel-left">
        <WheelGraphic spinning={spinning} landedOn={w.lastResult?.outcome ?? null} landKey={w.lastResult?.spinId ?? null} />
        <p data-testid="wheel-result" aria-live="polite">
          {spinning
            ? 'Spinning…'
            : w.lastResult
              ? w.lastResult.multiplier === 1
                ? 'No win this time.'
                : `You won ×${w.lastResult.multiplier} production!`
              : ''}
        </p>
      </div>
      <div className="wheel-right">
        <h2>Lucky wheel</h2>
        <p className="hint">
          A spin costs {fmtCost(cost)}. Odds: {w.status?.odds.map((o) => `${o.outcome} ${Math.round(o.probability * 100)}%`).join(', ')}
        </p>
        <p className="hint mono">Commitment of the current seed: {w.status?.commitment.slice(0, 16) ?? '…'}…</p>
        <label>
          Your seed
          <input value={clientSeed} onChange={(e) => setClientSeed(e.target.value)} maxLength={128} className="mono" />
        </label>
        <p data-testid="wheel-cooldown">{cooldownLeft > 0 ? `Next spin in ${formatDuration(cooldownLeft)}` : 'Ready to spin'}</p>
        <button type="button" onClick={spin} disabled={spinning || cooldownLeft > 0 || !affordable || clientSeed.length === 0}>
          Spin
        </button>
        <h3>Active buffs</h3>
        {buffs.length === 0 ? (
          <p className="hint">None.</p>
        ) : (
          <ul>
            {buffs.map((b) => (
              <li key={`${b.planetId}-${b.endsAt}`} data-testid="wheel-buff">
                ×{b.multiplier} for {formatDuration((Date.parse(b.endsAt) - sNow) / 1000)}
              </li>
            ))}
          </ul>
        )}
        <h3>History</h3>
        <button type="button" className="secondary" onClick={() => void dispatch(revealSeed())}>
          Reveal seed (start a new one)
        </button>
        <table className="grid" aria-label="Spin history">
          <thead>
            <tr>
              <th>Time</th>
              <th>Outcome</th>
              <th>Nonce</th>
              <th>Seed</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {w.history.map((h) => (
              <tr key={h.id} data-testid={`spin-${h.id}`}>
                <td>{timeOf(Date.parse(h.spunAt))}</td>
                <td>{h.outcome}</td>
                <td>{h.nonce}</td>
                <td>{h.serverSeed ? 'revealed' : 'hidden'}</td>
                <td>
                  <button type="button" className="small" disabled={!h.serverSeed} onClick={() => void dispatch(verify(h.id))}>
                    Verify
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <VerifyView />
      </div>
    </div>
  );
}

function VerifyView() {
  const w = useAppSelector((s) => s.wheel);
  if (w.verifying !== null) return <p>Verifying spin #{w.verifying}…</p>;
  if (w.verifyError)
    return (
      <p role="alert" className="error">
        {w.verifyError}
      </p>
    );
  const v = w.verify;
  if (!v) return null;
  return (
    <section aria-label="Verify" className={`verify ${v.ok ? 'ok' : 'bad'}`} data-testid="verify-view">
      <h3>Verification of spin #{v.spinId}</h3>
      <dl>
        <dt>HMAC-SHA256</dt>
        <dd className="mono small-text">{v.hmacHex}</dd>
        <dt>Derived outcome</dt>
        <dd data-testid="verify-derived">{v.derived}</dd>
        <dt>Recorded outcome</dt>
        <dd>{v.recorded}</dd>
        <dt>Seed matches commitment</dt>
        <dd>{v.commitmentOk ? 'yes' : 'no'}</dd>
      </dl>
      <p data-testid="verify-verdict">
        <strong>{v.ok ? 'Verified: the outcome follows from the revealed seed.' : 'Mismatch: this outcome does not follow from the seed.'}</strong>
      </p>
    </section>
  );
}
