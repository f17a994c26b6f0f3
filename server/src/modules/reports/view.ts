import type { EntityManager } from '@mikro-orm/postgresql';
import type { BattleReportSummary, BattleReportView, EspionageReportSummary, EspionageReportView, Participant } from '@starhold/common';
import { PlayerSchema } from '../players/player.entity.js';
import type { BattleReport, EspionageReport } from './report.entity.js';

export type Names = ReadonlyMap<number, Participant>;

const someone = (playerId: number): Participant => ({ playerId, username: '?' });

/** Usernames of the given players. */
export async function namesOf(em: EntityManager, ids: number[]): Promise<Names> {
  const players = await em.find(PlayerSchema, { id: { $in: [...new Set(ids)] } }, { fields: ['username'] });
  return new Map(players.map((p) => [p.id, { playerId: p.id, username: p.username }]));
}

export function battleSummary(r: BattleReport, readerId: number, names: Names): BattleReportSummary {
  return {
    id: r.id,
    at: r.foughtAt.toISOString(),
    coords: { galaxy: r.galaxy, system: r.system, position: r.position },
    planetName: r.planetName,
    fleetId: r.fleetId ?? null,
    attacker: names.get(r.attackerId) ?? someone(r.attackerId),
    defender: names.get(r.defenderId) ?? someone(r.defenderId),
    role: r.attackerId === readerId ? 'attacker' : 'defender',
    winner: r.winner,
    rounds: r.result.rounds.length,
    loot: r.loot,
    debris: r.result.debris,
    attackerLosses: r.result.attackerLosses.resources,
    defenderLosses: r.result.defenderLosses.resources,
  };
}

export function battleView(r: BattleReport, readerId: number, names: Names): BattleReportView {
  return { ...battleSummary(r, readerId, names), seed: r.seed, engineVersion: r.engineVersion, input: r.input, result: r.result };
}

export function espionageSummary(r: EspionageReport, readerId: number, names: Names): EspionageReportSummary {
  return {
    id: r.id,
    at: r.createdAt.toISOString(),
    coords: { galaxy: r.galaxy, system: r.system, position: r.position },
    planetName: r.planetName,
    spy: names.get(r.spyId) ?? someone(r.spyId),
    target: names.get(r.targetId) ?? someone(r.targetId),
    role: r.spyId === readerId ? 'spy' : 'target',
    probes: r.probes,
    effectiveProbes: r.effectiveProbes,
    sections: r.content.sections,
  };
}

export function espionageView(r: EspionageReport, readerId: number, names: Names): EspionageReportView {
  return { ...espionageSummary(r, readerId, names), ...r.content };
}
