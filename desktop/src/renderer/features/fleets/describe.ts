import type { StreamEventMessage } from '@starhold/common';
import { fmtCost } from '../../ui/format.js';
import type { NoticeLevel } from '../notifications/notificationsSlice.js';
import { MISSION_NAMES, fmtCoords, unitName } from '../shipyard/names.js';

interface Described {
  level: NoticeLevel;
  text: string;
}

/** A notification for a shipyard or fleet stream event (null for other events). */
export function describeFleetEvent(e: StreamEventMessage, playerId: number | null): Described | null {
  switch (e.type) {
    case 'shipyard.completed': {
      const o = e.data.order;
      return { level: 'success', text: `Shipyard: ${o.count} × ${unitName(o.unit)} done` };
    }
    case 'fleet.arrived': {
      const { fleet, outcome: o } = e.data;
      const extra = o.mission === 'transport' ? ` and delivered ${fmtCost(o.delivered)}` : '';
      return { level: 'success', text: `${MISSION_NAMES[fleet.mission]} fleet reached ${fmtCoords(fleet.target.coords)}${extra}` };
    }
    case 'fleet.returned': {
      const { fleet } = e.data;
      return { level: 'info', text: `${MISSION_NAMES[fleet.mission]} fleet is back from ${fmtCoords(fleet.target.coords)}` };
    }
    case 'fleet.incoming': {
      const i = e.data.incoming;
      return {
        level: i.mission === 'attack' ? 'error' : 'info',
        text: `${MISSION_NAMES[i.mission]} by ${i.owner.username} heading for ${fmtCoords(i.target.coords)}`,
      };
    }
    case 'transport.received':
      return { level: 'success', text: `${e.data.from.username} delivered ${fmtCost(e.data.cargo)}` };
    case 'battle.report': {
      const r = e.data.report;
      const won = r.winner === 'draw' ? 'a draw' : r.winner === r.role ? 'won' : 'lost';
      const other = r.attacker.playerId === playerId ? r.defender.username : r.attacker.username;
      return { level: r.winner === r.role ? 'success' : 'error', text: `Battle against ${other} at ${fmtCoords(r.coords)}: ${won}` };
    }
    case 'espionage.report':
      return { level: 'info', text: 'New espionage report' };
    case 'espionage.detected':
      return { level: 'error', text: `${e.data.from.username} spied on your planet` };
    case 'planet.colonized': {
      const p = e.data.planet;
      return { level: 'success', text: `New colony ${p.name} at ${fmtCoords(p.coords)}` };
    }
    default:
      return null;
  }
}
