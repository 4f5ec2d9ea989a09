import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { scopeVersionSchema } from '../model/schema.js';
import { principal } from '../server/auth-plugin.js';
import { approveScopeVersion, getScopeVersion, listScopeVersions, saveScopeVersion } from './service.js';

const versionParams = z.object({ version: z.coerce.number().int().min(1) });
const draftBody = scopeVersionSchema
  .omit({ version: true, createdAt: true, createdBy: true, approval: true })
  .extend({ basedOn: z.number().int().min(1).nullable().describe('the latest version you read; null for the first') });

export function scopeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['scope'];
    app.get(
      '/scope/versions',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary: 'Every version of the scope statement',
          response: { 200: z.object({ items: z.array(scopeVersionSchema) }) },
        },
      },
      async (request) => ({ items: await listScopeVersions(ctx, principal(request)) }),
    );
    app.get(
      '/scope/versions/:version',
      {
        config: { permission: 'model:read' },
        schema: { tags, summary: 'One version of the scope statement', params: versionParams, response: { 200: scopeVersionSchema } },
      },
      async (request) => getScopeVersion(ctx, principal(request), request.params.version),
    );
    app.post(
      '/scope/versions',
      {
        config: { permission: 'model:write' },
        schema: { tags, summary: 'Save the scope statement as a new version', body: draftBody, response: { 201: scopeVersionSchema } },
      },
      async (request, reply) => {
        const { basedOn, ...draft } = request.body;
        return reply.status(201).send(await saveScopeVersion(ctx, principal(request), basedOn, draft));
      },
    );
    app.post(
      '/scope/versions/:version/approve',
      {
        config: { permission: 'model:approve' },
        schema: { tags, summary: 'Approve a scope version (approvers)', params: versionParams, response: { 200: scopeVersionSchema } },
      },
      async (request) => approveScopeVersion(ctx, principal(request), request.params.version),
    );
  };
}
