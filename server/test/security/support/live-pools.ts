// Live ids for the fuzzers' symbolic references: the acting player's and the other player's
// planets, queue items and fleets as they are right now, plus session values.
import type { TestServer } from '../../harness.js';
import { cursorOf, sql } from '../../support/game-sql.js';
import type { Ref, Resolver } from './hostile-json.js';
import type { Side } from './world.js';

export class LivePools {
  private pools: Record<string, number[]> = {};
  /** The next seq the fuzz client id's cursor expects. */
  nextSeq = 1;

  constructor(
    private readonly t: TestServer,
    private readonly own: Side,
    private readonly foreign: Side,
    readonly clientId: string,
  ) {}

  private async ids(q: string, playerId: number): Promise<number[]> {
    return (await sql<{ id: number }>(this.t, q, [playerId])).map((r) => Number(r.id));
  }

  async refresh(): Promise<void> {
    const { own, foreign } = this;
    this.pools = {
      ownPlanet: await this.ids('select id from planet where player_id = ? order by id', own.playerId),
      foreignPlanet: await this.ids('select id from planet where player_id = ? order by id', foreign.playerId),
      ownBuildingItem: await this.ids("select id from queue_item where player_id = ? and kind = 'building' order by id", own.playerId),
      ownResearchItem: await this.ids("select id from queue_item where player_id = ? and kind = 'research' order by id", own.playerId),
      foreignItem: await this.ids('select id from queue_item where player_id = ? order by id', foreign.playerId),
      ownFleet: await this.ids("select id from fleet where player_id = ? and state <> 'done' order by id", own.playerId),
      foreignFleet: await this.ids('select id from fleet where player_id = ? order by id', foreign.playerId),
    };
    this.nextSeq = ((await cursorOf(this.t, own.playerId, this.clientId)) ?? 0) + 1;
  }

  readonly resolve: Resolver = (r: Ref) => {
    switch (r.pool) {
      case 'clientId':
        return this.clientId;
      case 'nextSeq':
        return this.nextSeq;
      case 'lastSeq':
        return Math.max(1, this.nextSeq - 1);
      case 'ownToken':
        return this.own.token;
      case 'foreignToken':
        return this.foreign.token;
      case 'ownRefresh':
        return this.own.refreshToken;
      default: {
        const pool = this.pools[r.pool] ?? [];
        return pool.length > 0 ? pool[r.index % pool.length]! : r.index;
      }
    }
  };
}
