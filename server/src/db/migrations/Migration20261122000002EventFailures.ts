import { Migration } from '@mikro-orm/migrations';

/** A scheduled event whose handler keeps failing is parked (failed_at) instead of blocking the queue. */
export class Migration20261122000002EventFailures extends Migration {
  override up(): void {
    this.addSql(`
      alter table scheduled_event add column attempts int not null default 0;
      alter table scheduled_event add column last_error text;
      alter table scheduled_event add column failed_at timestamptz(3);
      drop index if exists scheduled_event_due_idx;
      create index scheduled_event_due_idx on scheduled_event (due_at, id) where failed_at is null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index if exists scheduled_event_due_idx;
      create index scheduled_event_due_idx on scheduled_event (due_at, id);
      alter table scheduled_event drop column failed_at, drop column last_error, drop column attempts;
    `);
  }
}
