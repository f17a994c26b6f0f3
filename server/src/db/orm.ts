import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';
import { guardPool } from './pool-guard.js';

export type Orm = MikroORM;

export interface OrmOptions {
  url: string;
  poolMax?: number;
  debug?: boolean;
}

/** One ORM per process; every request, socket command and tick event works on its own `orm.em.fork()`. */
export async function initOrm(opts: OrmOptions): Promise<Orm> {
  return MikroORM.init({
    clientUrl: opts.url,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    driverOptions: { onPoolCreated: guardPool },
    migrations: { migrationsList, snapshot: false, silent: true, transactional: true, allOrNothing: true },
    debug: opts.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
