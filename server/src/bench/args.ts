/** Command line of the benchmark runner: `[--quick] [--only NAME[,NAME…]]… [--db URL|embedded] [--list]`. */

export interface BenchArgs {
  quick: boolean;
  /** Scenario names to run; empty = all. */
  only: string[];
  list: boolean;
  /** `--db URL|embedded`: the PostgreSQL server to create benchmark databases on (loopback only). */
  db?: string;
}

export const BENCH_USAGE = 'usage: node server/dist/bench/run.js [--quick] [--only NAME[,NAME…]] [--db URL|embedded] [--list]';

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: [], list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--quick') args.quick = true;
    else if (a === '--list') args.list = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (value === undefined || value === '' || value.startsWith('--')) throw new Error(`--only needs a scenario name\n${BENCH_USAGE}`);
      args.only.push(...value.split(',').filter((s) => s !== ''));
    } else if (a === '--db' || a.startsWith('--db=')) {
      const value = a === '--db' ? argv[++i] : a.slice('--db='.length);
      if (value === undefined || value === '' || value.startsWith('--')) throw new Error(`--db needs a PostgreSQL URL or "embedded"\n${BENCH_USAGE}`);
      args.db = value;
    } else {
      throw new Error(`unknown argument "${a}"\n${BENCH_USAGE}`);
    }
  }
  return args;
}
