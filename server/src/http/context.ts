import type { EntityManager } from '@mikro-orm/postgresql';
import type { ParameterizedContext } from 'koa';
import type Router from '@koa/router';
import type { Logger } from '../logger.js';

export interface AppState {
  em: EntityManager;
  playerId?: number;
  requestId: string;
  /** The server's logger with this request's `requestId` bound (http/request-context.ts). */
  log: Logger;
}
export type AppContext = ParameterizedContext<AppState>;
export type AppRouter = Router<AppState>;
