import { espionageSections, isDefenseId, isShipId, type Participant, type ResearchLevels, type UnitCounts } from '@starhold/common';
import { amountsOf } from '../../planets/economy.js';
import type { Planet } from '../../planets/planet.entity.js';
import { EspionageReportSchema, type EspionageContent } from '../../reports/report.entity.js';
import { espionageSummary } from '../../reports/view.js';
import { playerInfo } from '../players.js';
import { originOf } from '../view.js';
import type { Arrival, ArrivalResult } from './types.js';

function pick(units: Record<string, number>, keep: (id: string) => boolean): UnitCounts {
  return Object.fromEntries(Object.entries(units).filter(([k, n]) => keep(k) && n > 0));
}

/** The sections the effective probe count unlocks, read from the planet at the arrival instant. */
function content(target: Planet, research: ResearchLevels, sections: EspionageContent['sections']): EspionageContent {
  const c: EspionageContent = { sections, resources: amountsOf(target) };
  if (sections.includes('fleet')) c.fleet = pick(target.units, isShipId);
  if (sections.includes('defense')) c.defense = pick(target.units, isDefenseId);
  if (sections.includes('buildings')) c.buildings = { ...target.buildings };
  if (sections.includes('research')) c.research = { ...research };
  return c;
}

/**
 * Espionage: the probes report what their count against the espionage tech difference reveals
 * (see `espionageSections`); the report goes to the sender, the target's owner is told that
 * probes were seen. The probes fly home (there is no counter-espionage fight).
 */
export async function espionage({ ctx, fleet, target }: Arrival): Promise<ArrivalResult> {
  if (!target || target.playerId === fleet.playerId) return { outcome: { mission: 'espionage', reportId: null }, returns: true, notices: [] };
  const { em, event } = ctx;
  const [spy, victim] = [await playerInfo(em, fleet.playerId), await playerInfo(em, target.playerId)];
  const probes = fleet.ships.espionageProbe ?? 0;
  const { effective, sections } = espionageSections(probes, spy.research.espionage, victim.research.espionage);
  const report = em.create(EspionageReportSchema, {
    spyId: fleet.playerId,
    targetId: target.playerId,
    fleetId: fleet.id,
    planetId: target.id,
    planetName: target.name,
    galaxy: target.galaxy,
    system: target.system,
    position: target.position,
    probes,
    effectiveProbes: effective,
    content: content(target, victim.research, sections),
    createdAt: event.dueAt,
  });
  await em.flush();
  const names = new Map<number, Participant>([
    [spy.participant.playerId, spy.participant],
    [victim.participant.playerId, victim.participant],
  ]);
  return {
    outcome: { mission: 'espionage', reportId: report.id },
    returns: true,
    notices: [
      { playerId: fleet.playerId, type: 'espionage.report', data: { fleetId: fleet.id, report: espionageSummary(report, fleet.playerId, names) } },
      {
        playerId: target.playerId,
        type: 'espionage.detected',
        data: {
          fleetId: fleet.id,
          reportId: report.id,
          planetId: target.id,
          at: event.dueAt.toISOString(),
          probes,
          from: { ...spy.participant, coords: originOf(fleet) },
        },
      },
    ],
  };
}
