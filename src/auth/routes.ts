import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { principal, SESSION_COOKIE } from '../server/auth-plugin.js';
import { can } from './permissions.js';
import { actorOf } from './principal.js';
import { createTokenBody, idParams, loginBody, principalView, tokenView } from './schema.js';
import { changeOwnPassword, createToken, listTokens, login, logout, revokeToken } from './service.js';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const secure = (protocol: string): boolean => (ctx.config.secureCookies === 'auto' ? protocol === 'https' : ctx.config.secureCookies);

    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: loginBody, response: { 200: principalView } },
      },
      async (request, reply) => {
        const { principal: who, sessionId, expiresAt } = await login(ctx, request.body.email, request.body.password);
        reply.setCookie(SESSION_COOKIE, sessionId, {
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(request.protocol),
          path: '/',
          expires: new Date(expiresAt),
        });
        return who;
      },
    );

    app.post(
      '/auth/logout',
      { config: { permission: 'self' }, schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 204: z.null() } } },
      async (request, reply) => {
        const sid = request.cookies[SESSION_COOKIE];
        if (sid) await logout(ctx, principal(request), sid);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/password',
      {
        config: { permission: 'self' },
        schema: {
          tags: ['auth'],
          summary: 'Change my password (ends my other sessions)',
          body: z.object({
            currentPassword: z.string().min(1).max(1000),
            newPassword: z.string().min(10, 'use at least 10 characters').max(1000),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(
          ctx,
          principal(request),
          request.body.currentPassword,
          request.body.newPassword,
          request.cookies[SESSION_COOKIE],
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      { config: { permission: 'self' }, schema: { tags: ['auth'], summary: 'Who am I', response: { 200: principalView } } },
      async (request) => principal(request),
    );

    app.get(
      '/auth/tokens',
      {
        config: { permission: 'self' },
        schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(tokenView) }) } },
      },
      async (request) => ({ items: await listTokens(ctx, principal(request).userId) }),
    );

    app.post(
      '/auth/tokens',
      {
        config: { permission: 'self' },
        schema: {
          tags: ['auth'],
          summary: 'Create an API token for scripts; the secret is shown once',
          body: createTokenBody,
          response: { 201: z.object({ token: z.string(), tokenInfo: tokenView }) },
        },
      },
      async (request, reply) => {
        const who = principal(request);
        const { token, view } = await createToken(ctx, who, actorOf(who), {
          name: request.body.name,
          expiresInDays: request.body.expiresInDays,
        });
        return reply.status(201).send({ token, tokenInfo: view });
      },
    );

    app.delete(
      '/auth/tokens/:id',
      {
        config: { permission: 'self' },
        schema: { tags: ['auth'], summary: 'Revoke an API token', params: idParams, response: { 200: tokenView } },
      },
      async (request) => {
        const who = principal(request);
        return revokeToken(
          ctx,
          { orgId: who.orgId, userId: who.userId, isAdmin: can(who.role, 'users:manage') },
          actorOf(who),
          request.params.id,
        );
      },
    );
  };
}
