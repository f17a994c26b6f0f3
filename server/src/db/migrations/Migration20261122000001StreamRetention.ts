import { Migration } from '@mikro-orm/migrations';

/** Lets stream retention find old events by age without scanning every player's stream. */
export class Migration20261122000001StreamRetention extends Migration {
  override up(): void {
    this.addSql('create index if not exists player_event_created_idx on player_event (created_at);');
  }

  override down(): void {
    this.addSql('drop index if exists player_event_created_idx;');
  }
}
