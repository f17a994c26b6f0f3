import { childAnswer, childArgs } from '../child.js';
import { runBattleJob } from './battle-job.js';
import type { BattleJob } from './battle-job.js';

// Child process entry of the battle scenario: one measurement, one JSON line.
childAnswer(runBattleJob(childArgs<BattleJob>()));
