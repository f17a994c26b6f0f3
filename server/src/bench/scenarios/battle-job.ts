import { NO_TECHS, simulateBattle } from '@starhold/common';
import type { BattleInput, UnitCounts } from '@starhold/common';
import { median, peakRssMiB } from '../child.js';

/** One battle measurement, run in its own process (see battle-child.ts). */
export interface BattleJob {
  attackers: UnitCounts;
  defenders: UnitCounts;
  /** Multiplies every unit count (rounded, at least 1 where the count was positive). */
  scale: number;
  /** true: the unit-by-unit reference path; false: the grouped engine. */
  exact: boolean;
  /** Warm runs after the first (cold) one; the median is reported. */
  repeats: number;
  seed: number;
}

export interface BattleMeasure {
  units: number;
  method: string;
  rounds: number;
  winner: string;
  coldMs: number;
  warmMs: number;
  peakRssMiB: number;
  heapUsedMiB: number;
}

function scaled(units: UnitCounts, scale: number): UnitCounts {
  const out: UnitCounts = {};
  for (const [id, n] of Object.entries(units) as [keyof UnitCounts, number][]) {
    out[id] = n > 0 ? Math.max(1, Math.round(n * scale)) : 0;
  }
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function battleInput(job: BattleJob, seed: number): BattleInput {
  return {
    attackers: { units: scaled(job.attackers, job.scale), techs: NO_TECHS },
    defenders: { units: scaled(job.defenders, job.scale), techs: NO_TECHS },
    seed,
    options: { exactUnitLimit: job.exact ? Number.POSITIVE_INFINITY : 0 },
  };
}

export function runBattleJob(job: BattleJob): BattleMeasure {
  const input = battleInput(job, job.seed);
  let units = 0;
  for (const side of [input.attackers.units, input.defenders.units]) for (const n of Object.values(side)) units += n ?? 0;
  gc?.();
  let t0 = performance.now();
  const first = simulateBattle(input);
  const coldMs = performance.now() - t0;
  let heapUsed = process.memoryUsage().heapUsed;
  const warm: number[] = [];
  for (let i = 1; i <= job.repeats; i++) {
    gc?.();
    const next = battleInput(job, job.seed + i);
    t0 = performance.now();
    simulateBattle(next);
    warm.push(performance.now() - t0);
    heapUsed = Math.max(heapUsed, process.memoryUsage().heapUsed);
  }
  return {
    units,
    method: first.method,
    rounds: first.rounds.length,
    winner: first.winner,
    coldMs,
    warmMs: warm.length > 0 ? median(warm) : coldMs,
    peakRssMiB: peakRssMiB(),
    heapUsedMiB: heapUsed / 1024 / 1024,
  };
}
