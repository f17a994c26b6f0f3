import type { EspionageReportView } from '@starhold/common';
import { fmtCost } from '../../ui/format.js';
import { fmtCoords, fmtUnits } from '../shipyard/names.js';

const levels = (l: Record<string, number> | undefined) =>
  Object.entries(l ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** An espionage report: the sections the probes could see. */
export function EspionageReport({ report: r }: { report: EspionageReportView }) {
  return (
    <article className="report" aria-label={`Espionage report ${r.id}`} data-testid="espionage-report">
      <h2>
        Espionage of {r.planetName} {fmtCoords(r.coords)}
      </h2>
      <p className="hint">
        {new Date(r.at).toLocaleString('en-GB')} · {r.spy.username} spied on {r.target.username} · {r.probes} probes ({r.effectiveProbes} effective)
      </p>
      <dl className="facts">
        <dt>Resources</dt>
        <dd>{fmtCost(r.resources)}</dd>
        {r.fleet && (
          <>
            <dt>Fleet</dt>
            <dd>{fmtUnits(r.fleet)}</dd>
          </>
        )}
        {r.defense && (
          <>
            <dt>Defense</dt>
            <dd>{fmtUnits(r.defense)}</dd>
          </>
        )}
        {r.buildings && (
          <>
            <dt>Buildings</dt>
            <dd>{levels(r.buildings)}</dd>
          </>
        )}
        {r.research && (
          <>
            <dt>Research</dt>
            <dd>{levels(r.research)}</dd>
          </>
        )}
      </dl>
      {r.sections.length < 5 && <p className="hint">More probes (or better espionage technology) would show more.</p>}
    </article>
  );
}
