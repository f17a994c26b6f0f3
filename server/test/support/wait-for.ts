// The one way a test waits for a condition: poll `check` until it holds, bounded, and on timeout
// say what was awaited and what was last seen. Tests that deliberately let time pass (a quiet
// period, a client's retry back-off) use a plain timer instead, with a comment saying so.

export interface WaitForOptions<T> {
  /** What is awaited, for the timeout message: "the tick to log its batch". */
  what: string;
  /** Accepts a value of `check`; by default any truthy value. */
  until?: (value: T) => boolean;
  /** Give up after this long (default 10 s; keep it below the test's own timeout). */
  timeoutMs?: number;
  /** Pause between two checks (default 10 ms). */
  intervalMs?: number;
}

/**
 * Resolves with the first value of `check` that `until` accepts. Rejects when `check` throws
 * (to stop early, e.g. when a child process exited) or when `timeoutMs` has passed, including a
 * check that is still running then, with the last value in the message.
 */
export async function waitFor<T>(check: () => T | Promise<T>, opts: WaitForOptions<T>): Promise<T> {
  const { what, timeoutMs = 10_000, intervalMs = 10 } = opts;
  const accept = opts.until ?? ((v: T) => Boolean(v));
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last: { value: T } | undefined;
  let checks = 0;
  for (;;) {
    checks++;
    const outcome = await beforeDeadline(Promise.resolve().then(check), deadline);
    if (outcome === TIMED_OUT) break;
    if (accept(outcome.value)) return outcome.value;
    last = outcome;
    const left = deadline - Date.now();
    if (left <= 0) break;
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, left)));
  }
  const seen = last ? `last value: ${show(last.value)}` : 'no check finished';
  throw new Error(`waitFor: ${what} — not reached within ${timeoutMs} ms (${checks} checks, ${Date.now() - started} ms); ${seen}`);
}

const TIMED_OUT = Symbol('timed out');

async function beforeDeadline<T>(p: Promise<T>, deadline: number): Promise<{ value: T } | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof TIMED_OUT>((r) => {
    timer = setTimeout(() => r(TIMED_OUT), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([p.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 500 ? `${s.slice(0, 500)}…` : s;
}
