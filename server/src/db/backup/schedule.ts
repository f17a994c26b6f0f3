// Scheduled backups (STARHOLD_BACKUP_EVERY) into `<dataDir>/backups`: one file per run, named by
// the time it was taken, the newest STARHOLD_BACKUP_KEEP kept. Whether one is due is read from the
// newest file's name, so a server that restarts more often than the period still backs up.
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { dumpDatabase, type DumpResult } from './dump.js';

export const BACKUP_DIR = 'backups';
/** `starhold-20260101T120000Z.backup.gz`: sorts by time; other files in the folder are left alone. */
const NAME = /^starhold-(\d{8}T\d{6})Z\.backup\.gz$/;

export const backupDirOf = (dataDir: string): string => path.join(path.resolve(dataDir), BACKUP_DIR);

const stamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

function timeOf(name: string): number | null {
  const m = NAME.exec(name)?.[1];
  if (!m) return null;
  return Date.UTC(+m.slice(0, 4), +m.slice(4, 6) - 1, +m.slice(6, 8), +m.slice(9, 11), +m.slice(11, 13), +m.slice(13, 15));
}

/** The scheduled backups in `dir`, oldest first. */
export async function listScheduledBackups(dir: string): Promise<{ file: string; at: number }[]> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  return names
    .flatMap((n) => {
      const at = timeOf(n);
      return at === null ? [] : [{ file: path.join(dir, n), at }];
    })
    .sort((a, b) => a.at - b.at);
}

/** True when no scheduled backup is younger than `everyMs` (or the newest is dated in the future: the clock went back). */
export async function backupDue(dir: string, everyMs: number, now: Date): Promise<boolean> {
  const newest = (await listScheduledBackups(dir)).at(-1);
  return newest === undefined || now.getTime() - newest.at >= everyMs || newest.at > now.getTime();
}

export interface ScheduledBackup extends DumpResult {
  /** Older scheduled backups deleted to keep `keep`. */
  removed: string[];
}

/**
 * Writes a backup of `url` into `dir` (see dump.ts), then deletes all but the newest `keep` (the
 * one just written always stays). Call it only while holding the backup lock: it also removes
 * temporary files a backup interrupted by a shutdown left behind.
 */
export async function takeScheduledBackup(url: string, dir: string, keep: number, now: Date): Promise<ScheduledBackup> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const n of await readdir(dir)) {
    if (n.startsWith('starhold-') && n.endsWith('.partial')) await rm(path.join(dir, n), { force: true });
  }
  const result = await dumpDatabase(url, path.join(dir, `starhold-${stamp(now)}.backup.gz`), now);
  const others = (await listScheduledBackups(dir)).filter((b) => b.file !== result.file);
  const old = others.slice(0, Math.max(0, others.length - (keep - 1))).map((b) => b.file);
  for (const file of old) await rm(file, { force: true });
  return { ...result, removed: old };
}
