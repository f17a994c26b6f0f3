/** The outbox/cache scope of a player on a server: safe as a file name. */
export function scopeOf(serverUrl: string, playerId: number): string {
  const slug = serverUrl
    .replace(/^https?:\/\//, '')
    .replace(/[^A-Za-z0-9.-]+/g, '_')
    .slice(0, 100);
  return `${slug}.p${playerId}`;
}

export const SERVER_KEY = 'starhold.server';
export const planetKey = (serverUrl: string): string => `starhold.planet:${serverUrl}`;
export const cacheKey = (scope: string): string => `starhold.cache:${scope}`;
