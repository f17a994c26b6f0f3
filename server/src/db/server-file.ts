// Who owns the embedded cluster right now. While `starhold serve` runs on the embedded PostgreSQL it
// records itself in `<dataDir>/server.json`; admin commands then connect to that cluster instead of
// starting their own postgres on it (whose start-up would stop the server's "orphaned" postmaster,
// see stale-postmaster.ts). A file left behind by a crashed server names a dead pid and is ignored.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { EmbeddedDb } from './embedded.js';
import { isProcessRunning } from './stale-postmaster.js';

export const SERVER_FILE = 'server.json';

const serverFileSchema = z.object({
  /** The Node process of the running server. */
  pid: z.number().int().positive(),
  /** Port of its embedded PostgreSQL on 127.0.0.1. */
  pgPort: z.number().int().min(1).max(65535),
  /** Database name inside the cluster. */
  database: z.string().min(1),
  startedAt: z.string(),
});
export type ServerFile = z.infer<typeof serverFileSchema>;

const fileIn = (dataDir: string): string => path.join(path.resolve(dataDir), SERVER_FILE);

/** Records this process as the owner of the embedded cluster (atomically: temp file + rename). */
export async function writeServerFile(db: EmbeddedDb, now: Date = new Date()): Promise<void> {
  const file = fileIn(db.dataDir);
  const info: ServerFile = {
    pid: process.pid,
    pgPort: db.port,
    database: decodeURIComponent(new URL(db.url).pathname.slice(1)),
    startedAt: now.toISOString(),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(info)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/** Removes the file if (and only if) it names this process. */
export async function removeServerFile(dataDir: string): Promise<void> {
  const info = await readServerFile(dataDir);
  if (info?.pid === process.pid) await rm(fileIn(dataDir), { force: true });
}

/** The parsed file, or null when it is missing or not ours to understand. */
export async function readServerFile(dataDir: string): Promise<ServerFile | null> {
  const text = await readFile(fileIn(dataDir), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return null;
  try {
    const parsed = serverFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: treat like a missing file
  }
}

/**
 * The URL of the embedded cluster of a server that is running on `dataDir` right now, or null
 * when no live server owns it. Uses the password file the embedded PostgreSQL was set up with.
 */
export async function runningServerDatabase(dataDir: string): Promise<{ url: string; server: ServerFile } | null> {
  const server = await readServerFile(dataDir);
  if (server === null || !(await isProcessRunning(server.pid))) return null;
  const passwordFile = path.join(path.resolve(dataDir), 'pg-password');
  const password = (await readFile(passwordFile, 'utf8')).trim();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${server.pgPort}/${encodeURIComponent(server.database)}`;
  return { url, server };
}
