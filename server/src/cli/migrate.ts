import type { Config } from '../config.js';
import { initOrm, migrate } from '../db/orm.js';
import { createLogger } from '../logger.js';
import { openDatabase } from './context.js';

/** `starhold migrate`: applies pending migrations (joining a running server's embedded cluster if there is one). */
export async function runMigrate(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, logger);
  try {
    const orm = await initOrm({ url: db.url, poolMax: 2 });
    try {
      const applied = await migrate(orm);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    } finally {
      await orm.close(true);
    }
  } finally {
    await db.close();
  }
}
