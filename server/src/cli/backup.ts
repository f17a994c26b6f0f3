import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { dumpDatabase } from '../db/backup/dump.js';
import { BackupFormatError } from '../db/backup/format.js';
import { RestoreRefused, restoreDatabase } from '../db/backup/restore.js';
import { runningServerDatabase } from '../db/server-file.js';
import { CliError, cliLogger, openDatabase, type CliIo } from './context.js';
import { emit, renderFields, renderTable, withJson, type JsonFlag } from './output.js';

const tableRows = (tables: { name: string; rows: number }[]): string =>
  renderTable(tables, [
    { header: 'TABLE', cell: (t) => t.name },
    { header: 'ROWS', cell: (t) => t.rows, right: true },
  ]);

/** Runs `fn` on the database the server would use (joining a running server's embedded cluster). */
async function withDatabase<T>(io: CliIo, fn: (url: string, what: string, liveServerPid: number | undefined) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const live = config.databaseUrl ? null : await runningServerDatabase(config.dataDir);
  const db = await openDatabase(config, cliLogger(io, config));
  try {
    return await fn(db.url, db.what, live?.server.pid);
  } finally {
    await db.close();
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * `admin backup <file>` and `admin restore <file>`: a consistent logical backup of the game
 * database (embedded or DATABASE_URL) into one gzip file, and its restore (db/backup/).
 */
export function registerBackupCommands(admin: Command, io: CliIo): void {
  withJson(admin.command('backup <file>'))
    .description('write a consistent backup of the database to <file> (gzip); the server may keep running')
    .action(async (file: string, opts: JsonFlag) =>
      withDatabase(io, async (url, what) => {
        const target = resolve(file);
        const r = await dumpDatabase(url, target).catch((e: unknown) => {
          throw new CliError(`backup of ${what} failed: ${message(e)}`);
        });
        const rows = r.tables.reduce((n, t) => n + t.rows, 0);
        emit(
          io,
          opts,
          r,
          () =>
            `${renderFields([
              ['backup', r.file],
              ['size (bytes)', r.bytes],
              ['tables', r.tables.length],
              ['rows', rows],
              ['schema version', r.migrations[r.migrations.length - 1]],
            ])}\n\n${tableRows(r.tables)}`,
        );
      }),
    );

  withJson(admin.command('restore <file>'))
    .description('replace the database contents with the backup in <file> (stop the server first)')
    .option('--force', 'restore even while a server (or anything else) is connected to the database')
    .action(async (file: string, opts: JsonFlag & { force?: boolean }) =>
      withDatabase(io, async (url, what, livePid) => {
        if (livePid !== undefined && !opts.force) {
          throw new CliError(`a Starhold server (pid ${livePid}) is running on this data folder: stop it first, or pass --force`);
        }
        const r = await restoreDatabase(url, resolve(file), { force: opts.force === true }).catch((e: unknown) => {
          if (e instanceof RestoreRefused || e instanceof BackupFormatError) throw new CliError(e.message);
          throw new CliError(`restore into ${what} failed: ${message(e)}`);
        });
        emit(
          io,
          opts,
          r,
          () =>
            `${renderFields([
              ['restored', r.file],
              ['backup made at', r.createdAt],
              ['rows', r.tables.reduce((n, t) => n + t.rows, 0)],
              ['migrations applied after', r.applied.length ? r.applied.join(', ') : 'none'],
            ])}\n\n${tableRows(r.tables)}${livePid !== undefined ? '\n\nRestart the running server: it still holds state from before the restore.' : ''}`,
        );
      }),
    );
}
