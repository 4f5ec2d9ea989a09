// Model as code over HTTP: export the whole model, import a model file (all or nothing, with
// a dry run), and the JSON Schema editors use to check the file.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { actorOf } from '../auth/principal.js';
import { principal } from '../server/auth-plugin.js';
import { importModel } from './commands/import-model.js';
import { assertValidModel, loadModel, modelJsonSchema, serializeModel, validateModel } from './model-file.js';
import { validationFailed } from '../errors/catalogue.js';

const counts = z.object({ created: z.number(), updated: z.number(), deleted: z.number(), unchanged: z.number() });
const summary = z.object({
  dryRun: z.boolean(),
  byKind: z.record(z.string(), counts),
  settingsChanged: z.boolean(),
  scopeReplaced: z.boolean(),
});

export function modelFileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Model files arrive as YAML (or JSON); keep the text and parse it ourselves so errors
    // carry paths in the file.
    app.addContentTypeParser(
      ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, body);
      },
    );
    const tags = ['model as code'];

    app.get(
      '/model',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary: 'Export the whole resourcing model as one file',
          querystring: z.object({ format: z.enum(['yaml', 'json']).default('yaml') }),
        },
      },
      async (request, reply) => {
        const model = await loadModel(ctx.db.kysely, principal(request).orgId);
        const format = request.query.format;
        return reply
          .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8')
          .header('content-disposition', `attachment; filename="model.${format === 'json' ? 'json' : 'yaml'}"`)
          .send(serializeModel(model, format));
      },
    );

    app.put(
      '/model',
      {
        config: { permission: 'model:write' },
        schema: {
          tags,
          summary:
            'Import a model file (YAML or JSON body): validated completely first, applied all or nothing; the organization model becomes exactly the file',
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
          response: { 200: summary },
        },
      },
      async (request) => {
        const body: unknown = request.body;
        let model;
        if (typeof body === 'string') model = assertValidModel(body);
        else {
          const parsed = validateModel(body);
          if (!parsed.model)
            throw validationFailed(`The model file has ${parsed.issues.length} problem(s); nothing was changed.`, parsed.issues);
          model = parsed.model;
        }
        const who = principal(request);
        const dryRun = request.query.dryRun === 'true';
        const result = await importModel(ctx, actorOf(who), who.orgId, model, { dryRun });
        return { dryRun, ...result };
      },
    );

    app.get(
      '/model.schema.json',
      { config: { public: true }, schema: { tags, summary: 'JSON Schema of the model file (no sign-in needed)' } },
      async () => modelJsonSchema(),
    );
  };
}
