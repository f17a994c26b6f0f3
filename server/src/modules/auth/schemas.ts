import { z } from 'zod';

export const usernameSchema = z.string().regex(/^[A-Za-z0-9_-]{3,20}$/, 'username must be 3-20 characters of A-Z, a-z, 0-9, _ or -');
export const passwordSchema = z.string().min(8, 'password must have at least 8 characters').max(200, 'password is too long');

export const registerBody = z.object({ username: usernameSchema, password: passwordSchema }).strict();
export const loginBody = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(200),
    /** The `deviceToken` of an earlier session of this username on this device (docs/security.md, "Login limits"). */
    deviceToken: z.string().max(200).optional(),
  })
  .strict();
export const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();
