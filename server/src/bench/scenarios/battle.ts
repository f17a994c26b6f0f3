import { runChild } from '../child.js';
import { figure } from '../types.js';
import type { Figure, Scenario } from '../types.js';
import type { BattleJob, BattleMeasure } from './battle-job.js';

/**
 * The fleets issue's large battle: 700 000 cruisers + 100 000 battleships against 20 000
 * plasma turrets + 100 000 rocket launchers, no techs (quick mode: every count / 10).
 *
 * Every measurement runs in its own process (`--expose-gc`), so peak RSS is the battle's own.
 * Baselines, measured in the same run:
 * - time: the unit-by-unit reference simulator on the same battle 100× smaller. A ratio below
 *   1 means the grouped engine computes 100× the battle in less time than the naive one takes
 *   for 1% of it.
 * - time_vs_100x_smaller: the grouped engine itself on the 100× smaller battle; the ratio is
 *   how its time grows for 100× the units (~1 = independent of the unit count).
 * - peak_rss: a process that loads the engine and fights 1 light fighter vs 1 rocket launcher.
 */

const LARGE = {
  attackers: { cruiser: 700_000, battleship: 100_000 },
  defenders: { plasmaTurret: 20_000, rocketLauncher: 100_000 },
};

const CHILD = new URL('./battle-child.js', import.meta.url);

function measure(job: Omit<BattleJob, 'seed'>): Promise<BattleMeasure> {
  return runChild<BattleMeasure>(CHILD, { ...job, seed: 1 });
}

export const battleScenario: Scenario = {
  name: 'battle',
  description: '700k cruisers + 100k battleships vs 20k plasma turrets + 100k rocket launchers (quick: /10)',
  async run({ quick }): Promise<Figure[]> {
    const scale = quick ? 0.1 : 1;
    const repeats = quick ? 7 : 15;
    const big = await measure({ ...LARGE, scale, exact: false, repeats });
    const small = await measure({ ...LARGE, scale: scale / 100, exact: false, repeats });
    const reference = await measure({ ...LARGE, scale: scale / 100, exact: true, repeats });
    const idle = await measure({ attackers: { lightFighter: 1 }, defenders: { rocketLauncher: 1 }, scale: 1, exact: true, repeats: 0 });
    const name = quick ? 'battle-quick' : 'battle';
    const units = `${big.units} units`;
    const smaller = `${reference.units} units`;
    return [
      figure(
        name,
        'time',
        big.warmMs,
        'ms',
        reference.warmMs,
        `unit-by-unit reference, same battle /100 (${smaller}); value: grouped, ${units}, median of ${repeats} warm runs`,
      ),
      figure(name, 'time_cold', big.coldMs, 'ms', reference.coldMs, `unit-by-unit reference, same battle /100, first run in a fresh process`),
      figure(name, 'time_vs_100x_smaller', big.warmMs, 'ms', small.warmMs, `grouped engine, same battle /100 (${small.units} units)`),
      figure(name, 'peak_rss', big.peakRssMiB, 'MiB', idle.peakRssMiB, 'process with the engine loaded, 1 vs 1 battle'),
    ];
  },
};
