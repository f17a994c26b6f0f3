import type { BattleReportSummary, FleetView, MissionOutcome, StreamEventMessage } from '@starhold/common';
import { fmtCost } from '../../ui/format.js';
import type { NoticeLevel } from '../notifications/notificationsSlice.js';
import { MISSION_NAMES, fmtCoords, unitName } from '../shipyard/names.js';

interface Described { level: NoticeLevel; text: string }

/** A notification for a shipyard or fleet stream event (null for other events). */
export function describeFleetEvent(e: StreamEventMessage, playerId: number | null): Described | null {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const fleet = d.fleet as FleetView | undefined;
  const where = fleet ? fmtCoords(fleet.target.coords) : '';
  switch (e.type) {
    case 'shipyard.completed': {
      const o = d.order as { unit: string; count: number };
      return { level: 'success', text: `Shipyard: ${o.count} × ${unitName(o.unit)} done` };
    }
    case 'fleet.arrived': {
      const o = d.outcome as MissionOutcome | undefined;
      const extra = o?.mission === 'transport' ? ` and delivered ${fmtCost(o.delivered)}` : '';
      return fleet ? { level: 'success', text: `${MISSION_NAMES[fleet.mission]} fleet reached ${where}${extra}` } : null;
    }
    case 'fleet.returned':
      return fleet ? { level: 'info', text: `${MISSION_NAMES[fleet.mission]} fleet is back from ${where}` } : null;
    case 'fleet.incoming': {
      const i = d.incoming as { mission: keyof typeof MISSION_NAMES; owner: { username: string }; target: { coords: Parameters<typeof fmtCoords>[0] } };
      return { level: i.mission === 'attack' ? 'error' : 'info', text: `${MISSION_NAMES[i.mission]} by ${i.owner.username} heading for ${fmtCoords(i.target.coords)}` };
    }
    case 'transport.received': {
      const f = d.from as { username: string };
      return { level: 'success', text: `${f.username} delivered ${fmtCost(d.cargo as Parameters<typeof fmtCost>[0])}` };
    }
    case 'battle.report': {
      const r = d.report as BattleReportSummary;
      const won = r.winner === 'draw' ? 'a draw' : r.winner === r.role ? 'won' : 'lost';
      const other = r.attacker.playerId === playerId ? r.defender.username : r.attacker.username;
      return { level: r.winner === r.role ? 'success' : 'error', text: `Battle against ${other} at ${fmtCoords(r.coords)}: ${won}` };
    }
    case 'espionage.report':
      return { level: 'info', text: 'New espionage report' };
    case 'espionage.detected': {
      const f = d.from as { username: string };
      return { level: 'error', text: `${f.username} spied on your planet` };
    }
    case 'planet.colonized': {
      const p = d.planet as { name: string; coords: Parameters<typeof fmtCoords>[0] };
      return { level: 'success', text: `New colony ${p.name} at ${fmtCoords(p.coords)}` };
    }
    default:
      return null;
  }
}
