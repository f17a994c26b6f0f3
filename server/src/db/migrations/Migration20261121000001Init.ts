import { Migration } from '@mikro-orm/migrations';

/** Accounts, planets, the command cursor, the player event stream, the event queue and tick log. */
export class Migration20261121000001Init extends Migration {
  override up(): void {
    this.addSql(`
      create table player (
        id serial primary key,
        username text not null,
        password_hash text not null,
        research jsonb not null default '{}'::jsonb,
        event_seq bigint not null default 0,
        created_at timestamptz(3) not null,
        last_seen_at timestamptz(3),
        banned_at timestamptz(3)
      );
      create unique index player_username_lower_uq on player (lower(username));

      create table refresh_token (
        id uuid primary key,
        player_id int not null references player(id) on delete cascade,
        family_id uuid not null,
        token_hash text not null unique,
        created_at timestamptz(3) not null,
        expires_at timestamptz(3) not null,
        used_at timestamptz(3),
        revoked_at timestamptz(3)
      );
      create index refresh_token_family_idx on refresh_token (family_id);

      create table planet (
        id serial primary key,
        player_id int not null references player(id) on delete cascade,
        name text not null,
        galaxy int not null,
        system int not null,
        position int not null,
        temperature_min int not null,
        temperature_max int not null,
        fields int not null,
        metal bigint not null,
        crystal bigint not null,
        deuterium bigint not null,
        metal_rem int not null default 0,
        crystal_rem int not null default 0,
        deuterium_rem int not null default 0,
        settled_at timestamptz(3) not null,
        buildings jsonb not null,
        units jsonb not null default '{}'::jsonb,
        production_multiplier double precision not null default 1,
        buff_ends_at timestamptz(3),
        created_at timestamptz(3) not null,
        constraint planet_coords_uq unique (galaxy, system, position),
        constraint planet_resources_nonneg check (metal >= 0 and crystal >= 0 and deuterium >= 0)
      );
      create index planet_player_idx on planet (player_id);

      create table queue_item (
        id serial primary key,
        player_id int not null references player(id) on delete cascade,
        planet_id int not null references planet(id) on delete cascade,
        kind text not null,
        target text not null,
        level int not null,
        cost_metal bigint not null,
        cost_crystal bigint not null,
        cost_deuterium bigint not null,
        queued_at timestamptz(3) not null,
        starts_at timestamptz(3),
        ends_at timestamptz(3)
      );
      create index queue_item_planet_idx on queue_item (planet_id, kind, id);
      create index queue_item_player_idx on queue_item (player_id, kind, id);

      create table scheduled_event (
        id bigserial primary key,
        due_at timestamptz(3) not null,
        kind text not null,
        player_id int,
        planet_id int,
        payload jsonb not null,
        created_at timestamptz(3) not null
      );
      create index scheduled_event_due_idx on scheduled_event (due_at, id);
      create index scheduled_event_planet_idx on scheduled_event (planet_id, due_at) where planet_id is not null;

      create table applied_event (
        id bigint primary key,
        due_at timestamptz(3) not null,
        kind text not null,
        applied_at timestamptz(3) not null,
        tick bigint not null
      );
      create index applied_event_tick_idx on applied_event (tick);

      create table tick_log (
        tick bigserial primary key,
        node text not null,
        started_at timestamptz(3) not null,
        duration_ms double precision not null,
        events_applied int not null,
        max_lag_ms double precision not null
      );

      create table client_cursor (
        client_id text not null,
        player_id int not null references player(id) on delete cascade,
        last_seq bigint not null,
        updated_at timestamptz(3) not null,
        primary key (player_id, client_id)
      );

      create table command_log (
        player_id int not null references player(id) on delete cascade,
        client_id text not null,
        seq bigint not null,
        type text not null,
        status text not null,
        outcome jsonb not null,
        created_at timestamptz(3) not null,
        primary key (player_id, client_id, seq)
      );

      create table idempotency_key (
        player_id int not null references player(id) on delete cascade,
        key text not null,
        outcome jsonb not null,
        created_at timestamptz(3) not null,
        primary key (player_id, key)
      );

      create table player_event (
        player_id int not null references player(id) on delete cascade,
        seq bigint not null,
        type text not null,
        data jsonb not null,
        created_at timestamptz(3) not null,
        primary key (player_id, seq)
      );
    `);
  }

  override down(): void {
    this.addSql(`drop table if exists player_event, idempotency_key, client_cursor, tick_log, applied_event,
      scheduled_event, command_log, queue_item, planet, refresh_token, player cascade;`);
  }
}
