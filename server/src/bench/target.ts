import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../db/free-port.js';
import { IpcPeer, exited, fdLimitOf, spawnNode, stopChild } from './proc.js';
import type { MemoryReport, ProfileSummary } from './probe.js';

/** The JWT secret shared by the server under test and the runner (which mints players' tokens). */
export const BENCH_JWT_SECRET = 'starhold-bench-secret-starhold-bench-secret-0123';

/** A server process under test: the real Starhold server, or a bare Socket.IO baseline. */
export interface Target {
  kind: 'starhold' | 'baseline';
  url: string;
  port: number;
  pid: number | undefined;
  /** Soft descriptor limit the process runs with. */
  fdLimit: number | null;
  memory(): Promise<MemoryReport>;
  profileStart(): Promise<void>;
  profileStop(file?: string): Promise<ProfileSummary>;
  /** SIGTERM (graceful shutdown), SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

export interface TargetOptions {
  dbUrl?: string;
  /** Reuse a port (restart on the same address). */
  port?: number;
  env?: Record<string, string>;
}

const SCRIPTS = {
  starhold: new URL('./children/server-main.js', import.meta.url),
  baseline: new URL('./children/baseline-server.js', import.meta.url),
};

/** Starts a server process on 127.0.0.1 and waits until it listens. */
export async function startTarget(kind: Target['kind'], opts: TargetOptions = {}): Promise<Target> {
  const port = opts.port ?? (await findFreePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'starhold-bench-srv-'));
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    STARHOLD_DATA_DIR: dataDir,
    STARHOLD_JWT_SECRET: BENCH_JWT_SECRET,
    ...(opts.dbUrl ? (kind === 'starhold' ? { DATABASE_URL: opts.dbUrl } : { BENCH_DB_URL: opts.dbUrl }) : {}),
    ...opts.env,
  };
  const child = spawnNode(SCRIPTS[kind], [], { env, nodeArgs: ['--expose-gc', '--max-old-space-size=4096'], label: `${kind}:${port}` });
  const peer = new IpcPeer(child, `${kind} server`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    peer.onMessage((m) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited during start (code ${code ?? 'none'})`));
    });
  });
  const cleanup = async () => {
    await exited(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    fdLimit: fdLimitOf(child.pid),
    memory: () => peer.request<MemoryReport>('memory', {}, 60_000),
    profileStart: () => peer.request<undefined>('profileStart'),
    profileStop: (file) => peer.request<ProfileSummary>('profileStop', file === undefined ? {} : { file }),
    async stop() {
      await stopChild(child, 15_000);
      await cleanup();
    },
    async kill() {
      child.kill('SIGKILL');
      await cleanup();
    },
  };
}
