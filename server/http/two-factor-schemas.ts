import { z } from '@hono/zod-openapi';

/** The login answer when a second factor is due (its own file: auth and 2FA routes share it). */
export const PendingLoginSchema = z
  .object({ twoFactor: z.object({ token: z.string(), expiresAt: z.number() }) })
  .openapi('PendingLogin');
