import type { Plugin } from '../../core/plugin.js';
import type { CoreServices as Services } from '../../core/services.js';
import { settlesWithin } from '../../util/within.js';
import { AdvisoryLeader } from '../advisory-leader.js';
import { backupDirOf, backupDue, takeScheduledBackup, type ScheduledBackup } from './schedule.js';

/** Advisory lock key of the node that takes the scheduled backups ("SHBK"). */
export const BACKUP_LOCK_KEY = 0x5348424b;
/** How often a node looks whether a backup is due (or the period, when shorter). */
const CHECK_MS = 60_000;

export interface BackupPlugin extends Plugin<Services> {
  /**
   * Takes a backup if one is due and this node holds the backup lock (tests call it after
   * advancing the clock). Null when not due, not the backup node, or the plugin is not running.
   */
  runDue(): Promise<ScheduledBackup | null>;
}

/**
 * STARHOLD_BACKUP_EVERY: every node checks once a minute; the one holding the backup lock (kept
 * on a dedicated connection, like the tick's) writes a backup into `<dataDir>/backups` when the
 * newest there is older than the period, and keeps the newest STARHOLD_BACKUP_KEEP.
 */
export function backupPlugin(): BackupPlugin {
  let services: Services | undefined;
  let leader: AdvisoryLeader | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ScheduledBackup | null> | undefined;

  const run = async (s: Services, l: AdvisoryLeader): Promise<ScheduledBackup | null> => {
    const dir = backupDirOf(s.config.dataDir);
    const now = s.clock.now();
    if (!(await backupDue(dir, s.config.backupEveryMs, now))) return null;
    try {
      if (!(await l.tryAcquire())) return null;
      const backup = await takeScheduledBackup(s.dbUrl, dir, s.config.backupKeep, now);
      s.logger.info({ file: backup.file, bytes: backup.bytes, removed: backup.removed.length }, 'scheduled backup written');
      return backup;
    } catch (e) {
      await l.release(); // a dropped connection lost the lock anyway; take it again next round
      throw e;
    }
  };

  const once = (): Promise<ScheduledBackup | null> => {
    if (!services || !leader) return Promise.resolve(null);
    const s = services;
    running ??= run(s, leader).finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    name: 'backup',
    start(s: Services) {
      if (s.config.backupEveryMs <= 0) return;
      services = s;
      leader = new AdvisoryLeader(s.dbUrl, BACKUP_LOCK_KEY);
      timer = setInterval(
        () => {
          once().catch((e: unknown) => s.logger.warn({ err: e }, 'scheduled backup failed; retrying at the next check'));
        },
        Math.min(CHECK_MS, s.config.backupEveryMs),
      );
      timer.unref();
    },
    runDue: once,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      const s = services;
      services = undefined;
      // A backup in progress gets a moment to finish; past that its half-written file is removed
      // when the connection closes (dump.ts writes to a temporary name).
      if (running && !(await settlesWithin(running, 10_000))) s?.logger.warn('scheduled backup still running 10 s into shutdown; abandoning it');
      await leader?.release();
      leader = undefined;
    },
  };
}
