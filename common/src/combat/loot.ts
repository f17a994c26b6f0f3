import type { Resources } from '../rules/ids.js';

/**
 * Loot after a won attack: up to `share` (default 50%) of each of the defender's resources,
 * limited by the attackers' surviving cargo capacity (see `cargoCapacity`).
 *
 * Fill order (the classic OGame one, with a last step so no capacity is left unused while
 * something lootable remains), each amount floored, `avail` = floor(share · stock) per resource:
 *   1. metal, up to a third of the capacity;
 *   2. crystal, up to half of the capacity left;
 *   3. deuterium, up to all of the capacity left;
 *   4. metal again, up to half of the capacity left;
 *   5. crystal again, up to all of the capacity left;
 *   6. metal again, up to all of the capacity left.
 * So the total is min(capacity, Σ avail), no resource exceeds its `avail`, and while all
 * three are plentiful the capacity splits about 1/3 each.
 */
export function computeLoot(stock: Resources, capacity: number, share = 0.5): Resources {
  for (const k of ['metal', 'crystal', 'deuterium'] as const) {
    if (!(stock[k] >= 0) || !Number.isFinite(stock[k])) throw new RangeError(`stock.${k} must be a non-negative number, got ${stock[k]}`);
  }
  if (!(capacity >= 0) || !Number.isFinite(capacity)) throw new RangeError(`capacity must be a non-negative number, got ${capacity}`);
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be in [0, 1], got ${share}`);
  const availM = Math.floor(stock.metal * share);
  const availC = Math.floor(stock.crystal * share);
  const availD = Math.floor(stock.deuterium * share);
  let free = Math.floor(capacity);

  let metal = Math.min(availM, Math.floor(free / 3));
  free -= metal;
  let crystal = Math.min(availC, Math.floor(free / 2));
  free -= crystal;
  const deuterium = Math.min(availD, free);
  free -= deuterium;
  const metal2 = Math.min(availM - metal, Math.floor(free / 2));
  metal += metal2;
  free -= metal2;
  const crystal2 = Math.min(availC - crystal, free);
  crystal += crystal2;
  free -= crystal2;
  metal += Math.min(availM - metal, free);
  return { metal, crystal, deuterium };
}
