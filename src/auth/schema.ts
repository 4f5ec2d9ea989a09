import { z } from 'zod';
import { ROLES } from './permissions.js';

export const loginBody = z.object({
  email: z.email('expected an e-mail address'),
  password: z.string().min(1, 'must not be empty').max(1000),
});

export const roleSchema = z.enum(ROLES);

export const principalView = z.object({
  userId: z.string(),
  orgId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  via: z.enum(['session', 'token']),
});

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** Days until it expires; null for a token that never expires. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(30),
});

export const idParams = z.object({ id: z.string().min(1).max(100) });
