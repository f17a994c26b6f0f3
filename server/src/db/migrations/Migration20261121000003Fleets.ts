import { Migration } from '@mikro-orm/migrations';

/** Shipyard orders, fleets, debris fields, battle and espionage reports. */
export class Migration20261121000003Fleets extends Migration {
  override up(): void {
    this.addSql(`
      create table shipyard_order (
        id serial primary key,
        player_id int not null references player(id) on delete cascade,
        planet_id int not null references planet(id) on delete cascade,
        unit text not null,
        count int not null,
        delivered int not null default 0,
        cost_metal bigint not null,
        cost_crystal bigint not null,
        cost_deuterium bigint not null,
        unit_seconds int not null,
        queued_at timestamptz(3) not null,
        starts_at timestamptz(3),
        ends_at timestamptz(3),
        constraint shipyard_order_count_ck check (count > 0 and delivered >= 0 and delivered <= count and unit_seconds > 0)
      );
      create index shipyard_order_planet_idx on shipyard_order (planet_id, id);

      create table fleet (
        id serial primary key,
        player_id int not null references player(id) on delete cascade,
        origin_planet_id int not null references planet(id) on delete cascade,
        origin_galaxy int not null,
        origin_system int not null,
        origin_position int not null,
        target_galaxy int not null,
        target_system int not null,
        target_position int not null,
        -- the planet at the target when the fleet left (null: an empty position or a debris field)
        target_planet_id int references planet(id) on delete set null,
        mission text not null,
        ships jsonb not null,
        cargo_metal bigint not null default 0,
        cargo_crystal bigint not null default 0,
        cargo_deuterium bigint not null default 0,
        speed int not null,
        fuel bigint not null,
        departed_at timestamptz(3) not null,
        arrives_at timestamptz(3) not null,
        returns_at timestamptz(3),
        recalled_at timestamptz(3),
        state text not null,
        outcome jsonb,
        constraint fleet_state_ck check (state in ('outbound', 'returning', 'done')),
        constraint fleet_mission_ck check (mission in ('transport', 'deploy', 'attack', 'espionage', 'recycle', 'colonize')),
        constraint fleet_cargo_nonneg check (cargo_metal >= 0 and cargo_crystal >= 0 and cargo_deuterium >= 0)
      );
      create index fleet_player_active_idx on fleet (player_id, id) where state <> 'done';
      create index fleet_target_active_idx on fleet (target_planet_id) where state = 'outbound';

      create table debris_field (
        galaxy int not null,
        system int not null,
        position int not null,
        metal bigint not null,
        crystal bigint not null,
        updated_at timestamptz(3) not null,
        primary key (galaxy, system, position),
        constraint debris_field_nonneg check (metal >= 0 and crystal >= 0)
      );

      create table battle_report (
        id serial primary key,
        attacker_id int not null references player(id) on delete cascade,
        defender_id int not null references player(id) on delete cascade,
        -- no foreign keys: a report outlives the fleet and the planet
        fleet_id int,
        planet_id int not null,
        planet_name text not null,
        galaxy int not null,
        system int not null,
        position int not null,
        seed bigint not null,
        engine_version int not null,
        input jsonb not null,
        result jsonb not null,
        winner text not null,
        loot jsonb not null,
        fought_at timestamptz(3) not null
      );
      create index battle_report_attacker_idx on battle_report (attacker_id, id);
      create index battle_report_defender_idx on battle_report (defender_id, id);

      create table espionage_report (
        id serial primary key,
        spy_id int not null references player(id) on delete cascade,
        target_id int not null references player(id) on delete cascade,
        fleet_id int,
        planet_id int not null,
        planet_name text not null,
        galaxy int not null,
        system int not null,
        position int not null,
        probes int not null,
        effective_probes int not null,
        content jsonb not null,
        created_at timestamptz(3) not null
      );
      create index espionage_report_spy_idx on espionage_report (spy_id, id);
      create index espionage_report_target_idx on espionage_report (target_id, id);
    `);
  }

  override down(): void {
    this.addSql('drop table if exists espionage_report, battle_report, debris_field, fleet, shipyard_order cascade;');
  }
}
