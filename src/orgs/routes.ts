import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { actorOf } from '../auth/principal.js';
import { orgSettingsSchema } from '../model/schema.js';
import { principal } from '../server/auth-plugin.js';
import { getOrganization, updateSettings } from './service.js';

const orgView = z.object({
  id: z.string(),
  name: z.string(),
  settings: orgSettingsSchema,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/organization',
      {
        config: { permission: 'model:read' },
        schema: { tags: ['organization'], summary: 'My organization and its settings', response: { 200: orgView } },
      },
      async (request) => getOrganization(ctx, principal(request).orgId),
    );
    app.patch(
      '/organization/settings',
      {
        config: { permission: 'org:write' },
        schema: {
          tags: ['organization'],
          summary: 'Change analysis thresholds and defaults',
          body: z.object({ version: z.number().int().min(1), settings: orgSettingsSchema.partial() }),
          response: { 200: orgView },
        },
      },
      async (request) => {
        const who = principal(request);
        return updateSettings(ctx, actorOf(who), who.orgId, request.body.version, request.body.settings);
      },
    );
  };
}
