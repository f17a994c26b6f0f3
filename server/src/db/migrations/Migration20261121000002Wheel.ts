import { Migration } from '@mikro-orm/migrations';

/** Lucky wheel: per-player server seeds (commit / reveal) and the record of every spin. */
export class Migration20261121000002Wheel extends Migration {
  override up(): void {
    this.addSql(`
      create table wheel_seed (
        id serial primary key,
        player_id int not null references player(id) on delete cascade,
        server_seed text not null,
        commitment text not null,
        nonce int not null default 0,
        created_at timestamptz(3) not null,
        revealed_at timestamptz(3),
        constraint wheel_seed_nonce_nonneg check (nonce >= 0)
      );
      -- exactly one current (unrevealed) seed per player
      create unique index wheel_seed_current_uq on wheel_seed (player_id) where revealed_at is null;
      create index wheel_seed_player_idx on wheel_seed (player_id, id);

      create table wheel_spin (
        id serial primary key,
        player_id int not null references player(id) on delete cascade,
        -- no foreign key: the record of a spin outlives the planet it was made on
        planet_id int not null,
        seed_id int not null references wheel_seed(id) on delete cascade,
        client_seed text not null,
        nonce int not null,
        outcome text not null,
        multiplier double precision not null,
        cost_metal bigint not null,
        cost_crystal bigint not null,
        cost_deuterium bigint not null,
        buff_starts_at timestamptz(3),
        buff_ends_at timestamptz(3),
        buff_replaced_at timestamptz(3),
        spun_at timestamptz(3) not null,
        constraint wheel_spin_seed_nonce_uq unique (seed_id, nonce),
        constraint wheel_spin_outcome_ck check (outcome in ('x2', 'x1.5', 'x1.2', 'none'))
      );
      create index wheel_spin_player_idx on wheel_spin (player_id, id);
      create index wheel_spin_planet_buff_idx on wheel_spin (planet_id, buff_ends_at) where buff_ends_at is not null;
    `);
  }

  override down(): void {
    this.addSql('drop table if exists wheel_spin, wheel_seed cascade;');
  }
}
