// Builds the HTTP server: plugins, the OpenAPI document, health checks, error mapping and
// every domain's routes under /api/v1.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { analysisRoutes } from '../analysis/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { gapRoutes } from '../gaps/routes.js';
import { authRoutes } from '../auth/routes.js';
import { isReachable } from '../db/connect.js';
import { modelFileRoutes } from '../model/model-routes.js';
import { modelRoutes } from '../model/routes.js';
import { sheetRoutes } from '../model/sheet-routes.js';
import { scopeRoutes } from '../scope/routes.js';
import { orgRoutes } from '../orgs/routes.js';
import { userRoutes } from '../users/routes.js';
import { registerAuth } from './auth-plugin.js';
import { installErrorHandling } from './errors.js';

export const API_VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: { method: string; url: string }[];
  }
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: ctx.config.maxUploadBytes,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  // Every route the app serves (but the docs UI's own), so a test can hold the OpenAPI
  // document to listing all of them.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    if (hidden || route.url.startsWith('/api/docs') || route.method === 'HEAD') return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method: method.toLowerCase(), url: route.url });
  });
  app.decorate('registeredRoutes', routes);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // While closing, answer in-flight requests with Connection: close so keep-alive sockets
  // end with them and close() can finish (Node closes only sockets idle at that moment).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Adequate API',
        version: API_VERSION,
        description: 'Determine and prove the resources of an ISO/IEC 42001 AI management system (clause 7.1).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'adequate_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Until the web app is served here, a browser opening the root lands on the API docs.
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/api/docs'));

  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Alive', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready: the database answers',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('unavailable'), database: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      const ok = await isReachable(ctx.db);
      return ok
        ? { status: 'ready' as const, database: ctx.db.dialect }
        : reply.status(503).send({ status: 'unavailable' as const, database: ctx.db.dialect });
    },
  );

  await app.register(
    async (api) => {
      await api.register(authRoutes(ctx));
      await api.register(userRoutes(ctx));
      await api.register(orgRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(modelRoutes(ctx));
      await api.register(modelFileRoutes(ctx));
      await api.register(sheetRoutes(ctx));
      await api.register(scopeRoutes(ctx));
      await api.register(analysisRoutes(ctx));
      await api.register(gapRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );

  return app;
}
