import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { actorOf } from '../auth/principal.js';
import { idParams, roleSchema } from '../auth/schema.js';
import { principal } from '../server/auth-plugin.js';
import { addUser, getUser, listUsers, updateUser } from './service.js';

const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const createUserBody = z.object({
  email: z.email('expected an e-mail address'),
  name: z.string().trim().max(200).optional(),
  role: roleSchema,
  password: z.string().min(10, 'use at least 10 characters').max(1000).optional(),
});

const updateUserBody = z.object({
  version: z.number().int().min(1),
  role: roleSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
});

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { permission: 'users:read' },
        schema: { tags: ['users'], summary: 'Users of my organization', response: { 200: z.object({ items: z.array(userView) }) } },
      },
      async (request) => ({ items: await listUsers(ctx, principal(request).orgId) }),
    );
    app.get(
      '/users/:id',
      {
        config: { permission: 'users:read' },
        schema: { tags: ['users'], summary: 'One user', params: idParams, response: { 200: userView } },
      },
      async (request) => getUser(ctx, principal(request).orgId, request.params.id),
    );
    app.post(
      '/users',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'Add a user; a generated password is returned once when none is given',
          body: createUserBody,
          response: { 201: z.object({ user: userView, generatedPassword: z.string().nullable() }) },
        },
      },
      async (request, reply) => {
        const who = principal(request);
        const result = await addUser(ctx, actorOf(who), { orgId: who.orgId, ...request.body });
        return reply.status(201).send(result);
      },
    );
    app.patch(
      '/users/:id',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'Change role, name or disable',
          params: idParams,
          body: updateUserBody,
          response: { 200: userView },
        },
      },
      async (request) => {
        const who = principal(request);
        return updateUser(ctx, actorOf(who), who.orgId, request.params.id, request.body);
      },
    );
  };
}
