import type { MissionId, UnitId } from '@starhold/common';

export const UNIT_NAMES: Record<UnitId, string> = {
  smallCargo: 'Small cargo',
  largeCargo: 'Large cargo',
  lightFighter: 'Light fighter',
  heavyFighter: 'Heavy fighter',
  cruiser: 'Cruiser',
  battleship: 'Battleship',
  colonyShip: 'Colony ship',
  recycler: 'Recycler',
  espionageProbe: 'Espionage probe',
  solarSatellite: 'Solar satellite',
  rocketLauncher: 'Rocket launcher',
  lightLaser: 'Light laser',
  heavyLaser: 'Heavy laser',
  gaussCannon: 'Gauss cannon',
  ionCannon: 'Ion cannon',
  plasmaTurret: 'Plasma turret',
  smallShieldDome: 'Small shield dome',
  largeShieldDome: 'Large shield dome',
};

export const unitName = (u: string): string => (u in UNIT_NAMES ? UNIT_NAMES[u as UnitId] : u);

export const MISSION_NAMES: Record<MissionId, string> = {
  transport: 'Transport',
  deploy: 'Deploy',
  attack: 'Attack',
  espionage: 'Espionage',
  recycle: 'Recycle',
  colonize: 'Colonize',
};

/** "3 Small cargo, 1 Recycler". */
export const fmtUnits = (u: Record<string, number | undefined>): string =>
  Object.entries(u)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${n} ${unitName(k)}`)
    .join(', ') || 'none';

export const fmtCoords = (c: { galaxy: number; system: number; position: number }): string => `[${c.galaxy}:${c.system}:${c.position}]`;
