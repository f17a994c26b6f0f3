import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Child processes of a benchmark run (servers under test, baselines, load generators). Every
 * child is spawned through `bash -c 'ulimit -n …; exec node …'` so it runs with the highest
 * file-descriptor limit this machine allows (1 048 576 where the process may raise its hard
 * limit, else the hard limit), talks to the runner over an IPC channel, and exits when that
 * channel closes (children of a killed runner do not linger). `killChildren()` ends the rest.
 */

const live = new Set<ChildProcess>();

/** Raise the soft limit to 1 048 576 if permitted, else to the hard limit. */
const RAISE_FD_LIMIT = 'ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';

export interface SpawnOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Label for stderr lines of the child. */
  label: string;
  /** Pass the child's stderr through (prefixed); default true. */
  stderr?: boolean;
}

/** Starts `node [nodeArgs] script` with an IPC channel and a raised descriptor limit. */
export function spawnNode(script: URL, args: readonly string[], opts: SpawnOptions): ChildProcess {
  const child = spawn('bash', ['-c', RAISE_FD_LIMIT, 'bench-child', process.execPath, ...(opts.nodeArgs ?? []), fileURLToPath(script), ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, ...opts.env },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.stderr?.setEncoding('utf8');
  let partial = '';
  child.stderr?.on('data', (chunk: string) => {
    if (opts.stderr === false) return;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.trim() !== '') process.stderr.write(`  [${opts.label}] ${l}\n`);
  });
  return child;
}

/** Runs a program (e.g. a load tool) to completion, tracked like the other children; resolves with its stdout. */
export function runProgram(
  cmd: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** Kills every child still running (synchronous: usable from an 'exit' handler). */
export function killChildren(): number {
  let n = 0;
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      n++;
    }
  }
  return n;
}

/** Children still running. */
export function liveChildren(): number {
  return [...live].filter((c) => c.exitCode === null && c.signalCode === null).length;
}

/** The soft "Max open files" limit of a process (Linux /proc), or null when unknown. */
export function fdLimitOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? null : Number(soft);
  } catch {
    return null;
  }
}

/** Sends a request over IPC and waits for the reply with the same `id` (children answer {id, ok, result|error}). */
export class IpcPeer {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((m: Record<string, unknown>) => void)[] = [];

  constructor(
    readonly child: ChildProcess,
    private readonly label: string,
  ) {
    child.on('message', (raw) => {
      const m = raw as Record<string, unknown>;
      if (typeof m.id === 'number' && this.waiting.has(m.id)) {
        const w = this.waiting.get(m.id)!;
        this.waiting.delete(m.id);
        if (m.ok === true) w.resolve(m.result);
        else w.reject(new Error(`${label}: ${String(m.error)}`));
        return;
      }
      for (const l of this.listeners) l(m);
    });
    child.once('exit', (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`${label} exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
      this.waiting.clear();
    });
  }

  /** Unsolicited messages (e.g. {type: 'ready'}). */
  onMessage(l: (m: Record<string, unknown>) => void): void {
    this.listeners.push(l);
  }

  request<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = 300_000): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.label}: "${op}" got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      if (!this.child.connected) {
        this.waiting.delete(id);
        clearTimeout(timer);
        reject(new Error(`${this.label} is not running`));
        return;
      }
      this.child.send({ id, op, ...args });
    });
  }
}

export type Handler = (args: Record<string, unknown>) => Promise<unknown> | unknown;

/** For child scripts: answers IPC requests with `handlers[op]`, and exits when the runner goes away. */
export function serveIpc(handlers: Record<string, Handler>): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (raw) => {
    const m = raw as Record<string, unknown> & { id: number; op: string };
    const h = handlers[m.op];
    Promise.resolve()
      .then(() => {
        if (!h) throw new Error(`unknown op ${m.op}`);
        return h(m);
      })
      .then(
        (result) => process.send?.({ id: m.id, ok: true, result }),
        (e: unknown) => process.send?.({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
      );
  });
}
