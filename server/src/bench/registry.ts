import { battleScenario } from './scenarios/battle.js';
import { commandsScenario } from './scenarios/commands.js';
import { crosscheckScenario } from './scenarios/crosscheck.js';
import { fanoutScenario } from './scenarios/fanout.js';
import { stormScenario } from './scenarios/storm.js';
import { tickScenario } from './scenarios/tick.js';
import { socketsScenario } from './scenarios/sockets.js';
import type { Scenario } from './types.js';

/** Every benchmark scenario, in run order. Add a scenario by importing it here. */
export const SCENARIOS: readonly Scenario[] = [
  socketsScenario,
  commandsScenario,
  crosscheckScenario,
  fanoutScenario,
  tickScenario,
  stormScenario,
  battleScenario,
];

/** The scenarios named in `only` (all when empty); throws on an unknown name. */
export function selectScenarios(only: readonly string[], all: readonly Scenario[] = SCENARIOS): Scenario[] {
  if (only.length === 0) return [...all];
  return only.map((name) => {
    const s = all.find((x) => x.name === name);
    if (s === undefined) throw new Error(`unknown scenario "${name}"; known: ${all.map((x) => x.name).join(', ')}`);
    return s;
  });
}
