// REST routes for every resourcing-model entity, generated from the kind table: list with
// filter, sort and paging; create; read; partial update with the version; retire/delete.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { badRequest } from '../errors/catalogue.js';
import { principal } from '../server/auth-plugin.js';
import { ENTITY_KINDS, type EntityKind } from './entities.js';
import { createEntity, getEntity, listEntities, retireEntity, updateEntity } from './service.js';

const meta = { id: z.string(), version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };
const idParams = z.object({ id: z.string().min(1).max(100) });
const ifMatchHeaders = z.object({ 'if-match': z.string().max(40).optional() });

/** The version to update from: the body's `version`, else the If-Match header. */
export function versionFrom(bodyVersion: unknown, ifMatch: string | undefined): number | undefined {
  if (typeof bodyVersion === 'number') return bodyVersion;
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!m) throw badRequest(`If-Match "${ifMatch}" is not a version; send the row's version number, e.g. If-Match: "3".`);
  return Number(m[1]);
}

function listQuery(kind: EntityKind<Record<string, unknown>>) {
  const sortable = ['key', 'name', 'createdAt', 'updatedAt', ...Object.keys(kind.filters)] as [string, ...string[]];
  const filters = Object.fromEntries(Object.keys(kind.filters).map((f) => [f, z.string().max(200).optional()]));
  return z.object({
    q: z.string().max(200).optional().describe('case-insensitive text in the name or key'),
    retired: z.enum(['active', 'retired', 'all']).default('active'),
    sort: z.enum(sortable).default('key'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    ...filters,
  });
}

function kindRoutes(ctx: AppContext, kind: EntityKind<Record<string, unknown>>): FastifyPluginAsyncZod {
  const view = (kind.schema as unknown as z.ZodObject).extend(meta);
  const query = listQuery(kind);
  const filterNames = Object.keys(kind.filters);
  const tags = [kind.path];
  const writePerm = { permission: ['model:write', 'model:write-own'] as ('model:write' | 'model:write-own')[] };
  return async (app) => {
    app.get(
      `/${kind.path}`,
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary: `List ${kind.label} rows (filter, sort, page)`,
          querystring: query,
          response: { 200: z.object({ items: z.array(view), total: z.number(), limit: z.number(), offset: z.number() }) },
        },
      },
      async (request) => {
        const q = request.query as Record<string, unknown> & z.infer<ReturnType<typeof listQuery>>;
        const filters: Record<string, string> = {};
        for (const f of filterNames) if (typeof q[f] === 'string') filters[f] = q[f];
        return listEntities(ctx, principal(request), kind, {
          filters,
          q: q.q,
          retired: q.retired,
          sort: q.sort,
          order: q.order,
          limit: q.limit,
          offset: q.offset,
        });
      },
    );
    app.post(
      `/${kind.path}`,
      {
        config: writePerm,
        schema: { tags, summary: `Create a ${kind.label}`, body: kind.schema, response: { 201: view } },
      },
      async (request, reply) => reply.status(201).send(await createEntity(ctx, principal(request), kind, request.body)),
    );
    app.get(
      `/${kind.path}/:id`,
      {
        config: { permission: 'model:read' },
        schema: { tags, summary: `Read one ${kind.label}`, params: idParams, response: { 200: view } },
      },
      async (request) => getEntity(ctx, principal(request), kind, request.params.id),
    );
    app.patch(
      `/${kind.path}/:id`,
      {
        config: writePerm,
        schema: {
          tags,
          summary: `Change a ${kind.label}: send the fields to change and the version you read (body "version" or If-Match); a stale version answers 409 with the current row`,
          params: idParams,
          headers: ifMatchHeaders,
          body: z.object({ version: z.number().int().min(1).optional() }).catchall(z.unknown()),
          response: { 200: view },
        },
      },
      async (request) => {
        // A client may send back the row it read, metadata included; only the fields change.
        const { version: bodyVersion, id: _id, createdAt: _c, updatedAt: _u, ...patch } = request.body;
        const version = versionFrom(bodyVersion, request.headers['if-match']);
        if (version === undefined)
          throw badRequest(`Send the version of the ${kind.label} you are changing, as "version" in the body or an If-Match header.`);
        return updateEntity(ctx, principal(request), kind, request.params.id, version, patch);
      },
    );
    app.delete(
      `/${kind.path}/:id`,
      {
        config: writePerm,
        schema: {
          tags,
          summary: `Retire a ${kind.label} (kept for history; assignments are deleted)`,
          params: idParams,
          headers: ifMatchHeaders,
          response: { 200: view, 204: z.null() },
        },
      },
      async (request, reply) => {
        const result = await retireEntity(
          ctx,
          principal(request),
          kind,
          request.params.id,
          versionFrom(undefined, request.headers['if-match']),
        );
        return result === null ? reply.status(204).send(null) : result;
      },
    );
  };
}

export function modelRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const kind of ENTITY_KINDS) await app.register(kindRoutes(ctx, kind as unknown as EntityKind<Record<string, unknown>>));
  };
}
