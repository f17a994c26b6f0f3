import {
  BUILDINGS,
  BUILDING_REQUIREMENTS,
  buildingCost,
  buildingTimeSeconds,
  hasResources,
  missingRequirements,
  queuedLevels,
  zeroResearch,
  type BuildingId,
  type ResearchLevels,
  type Resources,
} from '@starhold/common';
import type { ViewPlanet, ViewQueueItem } from '../../sync/overlay.js';
import { upgradeImpact, type UpgradeImpact } from '../energy/selectors.js';
import { universeOf } from '../planet/selectors.js';
import { buildingQueueHasRoom } from '../../sync/overlay-limits.js';

export const BUILDING_NAMES: Record<BuildingId, string> = {
  metalMine: 'Metal mine',
  crystalMine: 'Crystal mine',
  deuteriumSynthesizer: 'Deuterium synthesizer',
  solarPlant: 'Solar plant',
  fusionReactor: 'Fusion reactor',
  roboticsFactory: 'Robotics factory',
  shipyard: 'Shipyard',
  researchLab: 'Research lab',
  metalStorage: 'Metal storage',
  crystalStorage: 'Crystal storage',
  deuteriumTank: 'Deuterium tank',
  naniteFactory: 'Nanite factory',
  missileSilo: 'Missile silo',
};

export interface BuildingRow {
  id: BuildingId;
  name: string;
  level: number;
  /** The level the next upgrade would reach (after everything queued). */
  nextLevel: number;
  cost: Resources;
  seconds: number;
  affordable: boolean;
  missing: string[];
  impact: UpgradeImpact;
  /** The building queue is full at this instant (the server would refuse an upgrade). */
  queueFull: boolean;
}

/**
 * One row per building, as the view (server state + pending commands) stands at server time
 * `serverNowMs` (without it, every queued item counts against the queue limit).
 */
export function buildingRows(p: ViewPlanet, research: ResearchLevels | undefined, serverNowMs?: number): BuildingRow[] {
  const u = universeOf(p);
  const queued = queuedLevels(p.buildings, p.queues.building);
  const queueFull = !buildingQueueHasRoom(p, serverNowMs);
  return BUILDINGS.map((id) => {
    const nextLevel = queued[id] + 1;
    const cost = buildingCost(id, nextLevel);
    return {
      id,
      name: BUILDING_NAMES[id],
      level: p.buildings[id],
      nextLevel,
      cost,
      seconds: buildingTimeSeconds(id, nextLevel, { robotics: queued.roboticsFactory, nanite: queued.naniteFactory }, u),
      affordable: hasResources(p.resources, cost),
      missing: missingRequirements(BUILDING_REQUIREMENTS[id], queued, research ?? zeroResearch()),
      impact: upgradeImpact({ ...p, buildings: queued }, research, id),
      queueFull,
    };
  });
}

/** Progress of a queue item in [0, 1] at server time `now` (0 when it has not started). */
export function progressOf(q: ViewQueueItem, serverNowMs: number): number {
  if (!q.startsAt || !q.endsAt) return 0;
  const start = Date.parse(q.startsAt);
  const end = Date.parse(q.endsAt);
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (serverNowMs - start) / (end - start)));
}

/** "1h 02m 03s" style countdown. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m ${String(sec).padStart(2, '0')}s`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}
