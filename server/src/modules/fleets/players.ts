import type { EntityManager } from '@mikro-orm/postgresql';
import type { CombatTechs, Participant, ResearchLevels } from '@starhold/common';
import { researchOf } from '../planets/economy.js';
import { PlanetSchema } from '../planets/planet.entity.js';
import { PlayerSchema } from '../players/player.entity.js';

export interface PlayerInfo {
  participant: Participant;
  research: ResearchLevels;
}

/** Name and research of a player (read, not locked: player rows are locked last, by the stream). */
export async function playerInfo(em: EntityManager, playerId: number): Promise<PlayerInfo> {
  const p = await em.findOneOrFail(PlayerSchema, { id: playerId }, { fields: ['username', 'research'], refresh: true });
  return { participant: { playerId: p.id, username: p.username }, research: researchOf(p.research) };
}

export function combatTechs(r: ResearchLevels): CombatTechs {
  return { weapons: r.weapons, shielding: r.shielding, armour: r.armour };
}

/** Ids of the player's planets (to show a fleet's target id only when it is the player's own). */
export async function ownPlanetIds(em: EntityManager, playerId: number): Promise<Set<number>> {
  const rows = await em.find(PlanetSchema, { playerId }, { fields: ['id'] });
  return new Set(rows.map((p) => p.id));
}
