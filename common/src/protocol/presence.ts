/** A player's presence as others see it (socket `presence` events, the galaxy view). */
export const PresenceStatus = { online: 'online', away: 'away', offline: 'offline' } as const;
export type PresenceStatus = (typeof PresenceStatus)[keyof typeof PresenceStatus];
