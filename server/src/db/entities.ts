import { PlanetSchema } from '../modules/planets/planet.entity.js';
import { PlayerSchema } from '../modules/players/player.entity.js';
import { QueueItemSchema } from '../modules/queues/queue-item.entity.js';
import { RefreshTokenSchema } from '../modules/auth/refresh-token.entity.js';
import { PlayerEventSchema } from '../modules/stream/player-event.entity.js';
import { ScheduledEventSchema, TickLogSchema } from '../game/scheduled-event.entity.js';
import { WheelSeedSchema, WheelSpinSchema } from '../modules/wheel/wheel.entity.js';
import { ShipyardOrderSchema } from '../modules/shipyard/shipyard-order.entity.js';
import { FleetSchema } from '../modules/fleets/fleet.entity.js';
import { BattleReportSchema, EspionageReportSchema } from '../modules/reports/report.entity.js';

export const entities = [
  PlayerSchema,
  RefreshTokenSchema,
  PlanetSchema,
  QueueItemSchema,
  ScheduledEventSchema,
  TickLogSchema,
  PlayerEventSchema,
  WheelSeedSchema,
  WheelSpinSchema,
  ShipyardOrderSchema,
  FleetSchema,
  BattleReportSchema,
  EspionageReportSchema,
];
