import type { Server as HttpServer } from 'node:http';

/**
 * Something the server starts after the HTTP app and stops before the database (tick loop,
 * socket gateway, record retention). Generic over the services it needs, so a core plugin (the
 * tick) asks only for `CoreServices` and the composition root passes its whole container.
 */
export interface Plugin<S> {
  name: string;
  start(s: S, http: HttpServer): Promise<void> | void;
  stop(): Promise<void> | void;
}
