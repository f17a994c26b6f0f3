import type { Resources } from '@starhold/common';
import type { Planet } from '../planets/planet.entity.js';
import type { Fleet } from './fleet.entity.js';

export const NO_RESOURCES: Readonly<Resources> = Object.freeze({ metal: 0, crystal: 0, deuterium: 0 });

export function cargoOf(f: Fleet): Resources {
  return { metal: f.cargoMetal, crystal: f.cargoCrystal, deuterium: f.cargoDeuterium };
}

export function setCargo(f: Fleet, r: Resources): void {
  f.cargoMetal = r.metal;
  f.cargoCrystal = r.crystal;
  f.cargoDeuterium = r.deuterium;
}

export function total(r: Resources): number {
  return r.metal + r.crystal + r.deuterium;
}

/** Unloads the fleet's cargo onto a planet (storage may overflow: deliveries are not capped). */
export function unload(f: Fleet, planet: Planet): Resources {
  const cargo = cargoOf(f);
  planet.metal += cargo.metal;
  planet.crystal += cargo.crystal;
  planet.deuterium += cargo.deuterium;
  setCargo(f, NO_RESOURCES);
  return cargo;
}
