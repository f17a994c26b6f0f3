// What a backup needs to know about the database, from the PostgreSQL catalogs: the tables of the
// current schema (in foreign-key order), their columns, the sequences, and how to drop it all.
import { quoteIdent, type PgClient } from '../pg-client.js';

export interface TableInfo {
  name: string;
  /** Stored (not generated) columns in attribute order. */
  columns: string[];
}

/** Ordinary tables of the current schema, parents before the tables that reference them. */
export async function listTables(c: PgClient): Promise<TableInfo[]> {
  const { rows } = await c.query<{ name: string; columns: string[] }>(
    `select cl.relname as name,
            array_agg(a.attname::text order by a.attnum) as columns
       from pg_class cl
       join pg_namespace n on n.oid = cl.relnamespace
       join pg_attribute a on a.attrelid = cl.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = current_schema() and cl.relkind in ('r', 'p') and not cl.relispartition
      group by cl.relname
      order by cl.relname`,
  );
  const { rows: edges } = await c.query<{ child: string; parent: string }>(
    `select ch.relname as child, pa.relname as parent
       from pg_constraint co
       join pg_class ch on ch.oid = co.conrelid
       join pg_class pa on pa.oid = co.confrelid
       join pg_namespace n on n.oid = ch.relnamespace
      where co.contype = 'f' and n.nspname = current_schema() and pa.relnamespace = ch.relnamespace and ch.oid <> pa.oid`,
  );
  return foreignKeyOrder(rows, edges);
}

/** Kahn's algorithm, alphabetical among equals; tables in a cycle (none today) come last, as they are. */
export function foreignKeyOrder<T extends { name: string }>(tables: T[], edges: { child: string; parent: string }[]): T[] {
  const parentsOf = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) parentsOf.get(e.child)?.add(e.parent);
  const done = new Set<string>();
  const out: T[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of tables) {
      if (done.has(t.name)) continue;
      if ([...(parentsOf.get(t.name) ?? [])].every((p) => done.has(p) || !parentsOf.has(p))) {
        done.add(t.name);
        out.push(t);
        progress = true;
      }
    }
  }
  return [...out, ...tables.filter((t) => !done.has(t.name))];
}

export async function listSequences(c: PgClient): Promise<string[]> {
  const { rows } = await c.query<{ name: string }>(
    'select sequencename::text as name from pg_sequences where schemaname = current_schema() order by 1',
  );
  return rows.map((r) => r.name);
}

/** Whether `mikro_orm_migrations` exists, and the migrations it lists in the order they ran. */
export async function appliedMigrations(c: PgClient): Promise<string[] | null> {
  const { rows: exists } = await c.query<{ t: string | null }>(
    "select to_regclass(format('%I.%I', current_schema(), 'mikro_orm_migrations'))::text as t",
  );
  if (!exists[0]?.t) return null;
  const { rows } = await c.query<{ name: string }>('select name from mikro_orm_migrations order by id');
  return rows.map((r) => r.name);
}

/** Client sessions on this database other than ours (a running server, another admin command, psql…). */
export async function otherSessions(c: PgClient): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'",
  );
  return rows[0]?.n ?? 0;
}

/**
 * Drops every table, view, sequence, type and routine of the current schema (not the schema
 * itself, whose owner and grants may not be ours to recreate); objects of extensions stay.
 */
export async function dropSchemaObjects(c: PgClient): Promise<void> {
  const notFromExtension = (oid: string) => `not exists (select 1 from pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;
  const { rows: rels } = await c.query<{ name: string; kind: string }>(
    `select cl.relname as name, cl.relkind::text as kind from pg_class cl join pg_namespace n on n.oid = cl.relnamespace
      where n.nspname = current_schema() and cl.relkind in ('r', 'p', 'v', 'm', 'S') and ${notFromExtension('cl.oid')}`,
  );
  const drop: Record<string, string> = { r: 'table', p: 'table', v: 'view', m: 'materialized view', S: 'sequence' };
  for (const kind of ['m', 'v', 'r', 'p', 'S']) {
    for (const r of rels.filter((x) => x.kind === kind)) await c.query(`drop ${drop[kind]} if exists ${quoteIdent(r.name)} cascade`);
  }
  const { rows: routines } = await c.query<{ sig: string }>(
    `select p.oid::regprocedure::text as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = current_schema() and p.prokind in ('f', 'p') and ${notFromExtension('p.oid')}`,
  );
  for (const r of routines) await c.query(`drop routine if exists ${r.sig} cascade`);
  const { rows: types } = await c.query<{ name: string }>(
    `select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where n.nspname = current_schema() and t.typtype in ('e', 'd') and ${notFromExtension('t.oid')}`,
  );
  for (const t of types) await c.query(`drop type if exists ${quoteIdent(t.name)} cascade`);
}
