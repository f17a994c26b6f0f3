import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs one measurement in a fresh Node process started with `--expose-gc`, so its peak memory
 * (getrusage maxRSS) belongs to that measurement alone and its JIT starts cold. The child
 * script prints one JSON line on stdout as its last line; anything on stderr is passed through.
 */
export function runChild<T>(script: URL, args: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(script), JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${fileURLToPath(script)} exited with ${code}`));
        return;
      }
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${fileURLToPath(script)} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** For child scripts: the JSON argument, and a way to answer. */
export function childArgs<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('missing JSON argument');
  return JSON.parse(raw) as T;
}

export function childAnswer(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
