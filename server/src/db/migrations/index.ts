import { Migration20261121000001Init } from './Migration20261121000001Init.js';
import { Migration20261121000002Wheel } from './Migration20261121000002Wheel.js';
import { Migration20261122000001StreamRetention } from './Migration20261122000001StreamRetention.js';
import { Migration20261122000002EventFailures } from './Migration20261122000002EventFailures.js';
import { Migration20261122000003IdempotencyRequest } from './Migration20261122000003IdempotencyRequest.js';
import { Migration20261121000003Fleets } from './Migration20261121000003Fleets.js';
import { Migration20261123000001RecordRetention } from './Migration20261123000001RecordRetention.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrationsList = [
  { name: 'Migration20261121000001Init', class: Migration20261121000001Init },
  { name: 'Migration20261121000002Wheel', class: Migration20261121000002Wheel },
  { name: 'Migration20261122000001StreamRetention', class: Migration20261122000001StreamRetention },
  { name: 'Migration20261122000002EventFailures', class: Migration20261122000002EventFailures },
  { name: 'Migration20261122000003IdempotencyRequest', class: Migration20261122000003IdempotencyRequest },
  { name: 'Migration20261121000003Fleets', class: Migration20261121000003Fleets },
  { name: 'Migration20261123000001RecordRetention', class: Migration20261123000001RecordRetention },
];
