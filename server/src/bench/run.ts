import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseBenchArgs } from './args.js';
import { BenchDatabases, databaseSpec } from './db.js';
import { killChildren, liveChildren } from './proc.js';
import { selectScenarios } from './registry.js';
import { machineInfo, writeReport, type ScenarioRun } from './report.js';
import type { BenchContext, Figure } from './types.js';

/**
 * `npm run bench [-- --quick] [-- --only NAME] [-- --db URL|embedded]`: runs the benchmark
 * scenarios and prints one JSON line per figure on stdout ({bench, metric, value, unit, baseline,
 * ratio, baselineIs}); progress goes to stderr. Then writes bench-results/<run>/report.md and
 * chart.png. Exit code 1 only when the harness failed (a scenario threw, a process was left
 * over), never because a goal was missed.
 */
/** The run's database server (an embedded one is stopped on exit and on Ctrl-C). */
let db: BenchDatabases | undefined;

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  const scenarios = selectScenarios(args.only);
  if (args.list) {
    for (const s of scenarios) console.log(`${s.name}\t${s.description}`);
    return 0;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const outDir = join(fileURLToPath(new URL('../../../bench-results/', import.meta.url)), `${stamp}${args.quick ? '-quick' : ''}`);
  mkdirSync(outDir, { recursive: true });
  const log = (msg: string) => console.error(`bench: ${msg}`);
  if (scenarios.some((s) => s.database === true)) db = await BenchDatabases.open(databaseSpec(args.db), log);
  const runs: ScenarioRun[] = [];
  let failed = false;
  try {
    for (const s of scenarios) {
      console.error(`bench ${s.name}${args.quick ? ' (quick)' : ''}: ${s.description}`);
      const run: ScenarioRun = { name: s.name, figures: [], notes: [], error: undefined, seconds: 0 };
      runs.push(run);
      const ctx: BenchContext = {
        quick: args.quick,
        db: db as BenchDatabases, // only read by scenarios with `database: true`, for which it was opened
        outDir,
        log: (m) => log(`${s.name}: ${m}`),
        note: (t) => {
          run.notes.push(t);
          log(`${s.name}: note: ${t}`);
        },
      };
      const t0 = performance.now();
      try {
        const figures: Figure[] = await s.run(ctx);
        for (const f of figures) console.log(JSON.stringify(f));
        run.figures = figures;
      } catch (e) {
        failed = true;
        run.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
        log(`${s.name} FAILED: ${run.error}`);
      }
      run.seconds = (performance.now() - t0) / 1000;
      const left = killChildren();
      if (left > 0) {
        failed = true;
        log(`${s.name} left ${left} process(es) running; killed them`);
      }
    }
  } finally {
    await db?.close().catch((e: unknown) => log(`could not stop the database: ${String(e)}`));
  }
  const info = machineInfo(db?.description, args.quick);
  const files = await writeReport(outDir, runs, info);
  log(`report: ${files.markdown}`);
  log(`chart:  ${files.chart}`);
  return failed || liveChildren() > 0 ? 1 : 0;
}

process.on('exit', () => killChildren());
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killChildren();
    const guard = setTimeout(() => process.exit(130), 15_000);
    void (db?.close() ?? Promise.resolve())
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(guard);
        process.exit(130);
      });
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
