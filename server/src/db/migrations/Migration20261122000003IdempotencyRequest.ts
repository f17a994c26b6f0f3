import { Migration } from '@mikro-orm/migrations';

/** Remembers which request an Idempotency-Key was first used for, so a reuse for another one is refused. */
export class Migration20261122000003IdempotencyRequest extends Migration {
  override up(): void {
    this.addSql(`alter table idempotency_key add column request text not null default '';`);
  }

  override down(): void {
    this.addSql('alter table idempotency_key drop column request;');
  }
}
