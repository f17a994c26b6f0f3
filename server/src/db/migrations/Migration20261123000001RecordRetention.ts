import { Migration } from '@mikro-orm/migrations';

/**
 * Lets the retention job (retention/records.ts) find old command_log, applied_event and
 * idempotency_key rows by age, in small batches, without scanning whole tables.
 */
export class Migration20261123000001RecordRetention extends Migration {
  override up(): void {
    this.addSql(`
      create index if not exists command_log_created_idx on command_log (created_at);
      create index if not exists applied_event_applied_idx on applied_event (applied_at);
      create index if not exists idempotency_key_created_idx on idempotency_key (created_at);
    `);
  }

  override down(): void {
    this.addSql(`
      drop index if exists command_log_created_idx;
      drop index if exists applied_event_applied_idx;
      drop index if exists idempotency_key_created_idx;
    `);
  }
}
