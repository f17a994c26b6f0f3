/**
 * Column values of rows read with `em.execute` (plain SQL, no entity mapping): PostgreSQL returns
 * bigint as a string and, through MikroORM's connection, timestamptz as a string too.
 */
export type SqlDate = string | Date;

export function dateOf(v: SqlDate): Date {
  return v instanceof Date ? v : new Date(v);
}

export function dateOrNull(v: SqlDate | null): Date | null {
  return v === null ? null : dateOf(v);
}
