import { CommandRegistry } from './commands/registry.js';
import { EventHandlerRegistry } from './game/event-registry.js';
import * as fleets from './modules/fleets/handlers.js';
import * as queues from './modules/queues/handlers.js';
import * as shipyard from './modules/shipyard/handlers.js';
import * as wheel from './modules/wheel/handlers.js';

/** Every domain module that handles commands or scheduled events; each exports its own maps. */
const DOMAINS = [queues, wheel, shipyard, fleets];

/** Every command handler, by name (a name handled by two modules throws). */
export function commandRegistry(): CommandRegistry {
  const r = new CommandRegistry();
  for (const d of DOMAINS) r.registerAll(d.commandHandlers);
  return r;
}

/** Every scheduled-event handler, by kind (a kind handled by two modules throws). */
export function eventRegistry(): EventHandlerRegistry {
  const r = new EventHandlerRegistry();
  for (const d of DOMAINS) r.registerAll(d.eventHandlers);
  return r;
}
