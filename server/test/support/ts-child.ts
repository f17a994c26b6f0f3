// A TypeScript file of the test tree in its own Node process (through ts-hooks.mjs, compiled like
// jest compiles it), driven over IPC: for work that must not share the test's event loop.
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

const TS_HOOKS = fileURLToPath(new URL('./ts-hooks.mjs', import.meta.url));

type Reply = { ready: true } | { ok: unknown } | { error: string };

export interface TsChild {
  /** Sends one request and waits for its reply (one request at a time). */
  call<T>(request: object): Promise<T>;
  kill(): void;
  pid: number;
}

/**
 * Forks `script` and resolves once it has loaded (its `serveParent` said so). `nice` (0-19) lowers
 * the child's CPU priority: it then only gets CPU time the other processes leave.
 */
export async function forkTs(script: URL, opts: { nice?: number } = {}): Promise<TsChild> {
  const c = fork(fileURLToPath(script), [], { execArgv: ['--import', TS_HOOKS], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (opts.nice && c.pid !== undefined) setPriority(c.pid, opts.nice);
  const replies: Reply[] = [];
  let wake: (() => void) | undefined;
  let exit: string | undefined;
  c.on('message', (m: Reply) => {
    replies.push(m);
    wake?.();
  });
  c.once('exit', (code, signal) => {
    exit = `${script.pathname} exited (code ${code}, signal ${signal})`;
    wake?.();
  });
  const next = async (): Promise<Reply> => {
    while (replies.length === 0) {
      if (exit) throw new Error(exit);
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    return replies.shift()!;
  };
  const first = await next().catch((e: unknown) => {
    c.kill('SIGKILL');
    throw e;
  });
  if (!('ready' in first)) throw new Error(`${script.pathname}: expected ready, got ${JSON.stringify(first).slice(0, 300)}`);
  return {
    async call<T>(request: object): Promise<T> {
      c.send(request);
      const m = await next();
      if ('error' in m) throw new Error(`${script.pathname} failed: ${m.error}`);
      if (!('ok' in m)) throw new Error(`${script.pathname}: unexpected ${JSON.stringify(m).slice(0, 300)}`);
      return m.ok as T;
    },
    kill: () => {
      c.kill('SIGKILL');
    },
    pid: c.pid ?? -1,
  };
}

/** In the child: says ready, then answers every request with `handle`'s result; exits when the parent goes. */
export function serveParent<Req>(handle: (request: Req) => Promise<unknown>): void {
  const send = (m: Reply): Promise<void> =>
    new Promise((resolve, reject) => {
      process.send!(m, undefined, {}, (e) => (e ? reject(e) : resolve()));
    });
  process.on('message', (request: Req) => {
    void handle(request).then(
      (ok) => send({ ok }),
      (e: unknown) => send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
  process.once('disconnect', () => process.exit(0));
  void send({ ready: true });
}
