import type { UniverseSettings } from '@starhold/common';

/**
 * The game settings a handler may read: the universe (size, speeds) and the lucky wheel's timings.
 * Built once from the configuration by the composition root (`create-services.ts`).
 */
export interface GameSettings {
  universe: UniverseSettings;
  wheelCooldownS: number;
  wheelBuffS: number;
}
