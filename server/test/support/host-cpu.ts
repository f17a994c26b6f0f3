// How much CPU processes other than ours took during a measurement (Linux /proc; elsewhere unknown):
// a latency ratio measured while other programs own the CPUs measures them, not our server.
import { readFileSync } from 'node:fs';

interface Snapshot {
  /** Busy and total jiffies of the whole host, summed over CPUs. */
  busy: number;
  total: number;
  cpus: number;
  /** utime + stime of each of our processes. */
  own: Map<number, number>;
}

function hostTicks(): { busy: number; total: number; cpus: number } | undefined {
  try {
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    const f = lines[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - f[3]! - f[4]!, total, cpus: lines.filter((l) => /^cpu\d/.test(l)).length };
  } catch {
    return undefined;
  }
}

function processTicks(pid: number): number | undefined {
  try {
    // Fields after the ")" of the command name: state is 3rd, utime the 14th, stime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

export function cpuSnapshot(pids: readonly number[]): Snapshot | undefined {
  const host = hostTicks();
  if (!host) return undefined;
  const own = new Map<number, number>();
  for (const pid of pids) {
    const t = processTicks(pid);
    if (t !== undefined) own.set(pid, t);
  }
  return { ...host, own };
}

/**
 * CPUs' worth (e.g. 1.3) of work done by processes other than `pids` between `before` and now.
 * A pid first seen now started during the measurement: all of its time counts as ours. Our
 * processes that ended meanwhile count as foreign (an overestimate, never an underestimate).
 */
export function foreignCpus(before: Snapshot | undefined, pids: readonly number[]): number | undefined {
  const after = cpuSnapshot(pids);
  if (!before || !after || after.total <= before.total) return undefined;
  let own = 0;
  for (const [pid, t] of after.own) own += t - (before.own.get(pid) ?? 0);
  const elapsedPerCpu = (after.total - before.total) / after.cpus;
  return Math.max(0, (after.busy - before.busy - own) / elapsedPerCpu);
}
