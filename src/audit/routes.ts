import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { principal } from '../server/auth-plugin.js';
import { auditRepo } from './repo.js';

const entryView = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.unknown(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log of my organization, newest first',
          querystring: z.object({
            entity: z.string().max(100).optional(),
            entityId: z.string().max(100).optional(),
            beforeSeq: z.coerce.number().int().min(1).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ items: z.array(entryView), nextBeforeSeq: z.number().nullable() }) },
        },
      },
      async (request) => {
        const rows = await auditRepo.list(ctx.db.kysely, principal(request).orgId, request.query);
        const q = request.query;
        const items = rows.map((r) => ({
          seq: r.seq,
          at: r.at,
          actor: JSON.parse(r.actor) as unknown,
          entity: r.entity,
          entityId: r.entity_id,
          action: r.action,
          before: r.before === null ? null : (JSON.parse(r.before) as unknown),
          after: r.after === null ? null : (JSON.parse(r.after) as unknown),
          hash: r.hash,
        }));
        const last = rows.at(-1);
        return { items, nextBeforeSeq: rows.length === q.limit && last ? last.seq : null };
      },
    );
  };
}
