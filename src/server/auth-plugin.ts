// Authentication and authorization for every /api/v1 route, in one place. A route declares
// `config: { permission }` (or `public: true`); registering one that declares neither fails
// at start-up, so no route can forget its check.
import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { authenticateSession, authenticateToken } from '../auth/service.js';
import { can, type Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { forbidden, unauthenticated } from '../errors/catalogue.js';

export const SESSION_COOKIE = 'adequate_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route needs; an array means any one of them. */
    permission?: Permission | Permission[];
    public?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The caller, for handlers of authenticated routes. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const config = route.config as { permission?: unknown; public?: boolean } | undefined;
    if (!config?.public && !config?.permission) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no permission; add config.permission or config.public.`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config as { permission?: Permission | Permission[]; public?: boolean };
    if (!request.routeOptions.url?.startsWith('/api/v1') || config.public) return;

    const header = request.headers.authorization;
    let who: Principal | null = null;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>".');
      who = await authenticateToken(ctx, m[1]);
      if (!who) throw unauthenticated('This API token is unknown, revoked or expired; create a new one with "adequate token create".');
    } else {
      const sid = request.cookies[SESSION_COOKIE];
      if (sid) who = await authenticateSession(ctx, sid);
      if (!who) throw unauthenticated();
    }
    request.principal = who;

    const needed = config.permission;
    const perms = Array.isArray(needed) ? needed : needed ? [needed] : [];
    if (!perms.some((p) => can(who.role, p))) {
      throw forbidden(`Your role (${who.role}) may not do this (it needs ${perms.join(' or ')}); ask an admin of your organization.`);
    }
  });
}
