import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A refresh token, stored only as its SHA-256; tokens of one login form a family that rotates. */
export const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: p.uuid().primary(),
    playerId: p.integer(),
    familyId: p.uuid(),
    tokenHash: p.text(),
    createdAt: p.datetime(3),
    expiresAt: p.datetime(3),
    usedAt: p.datetime(3).nullable(),
    revokedAt: p.datetime(3).nullable(),
  },
});
export type RefreshToken = InferEntity<typeof RefreshTokenSchema>;
