// Spreadsheet import over HTTP: send the CSV or XLSX file as the body; a dry run lists what
// would be created or changed and every row error; an apply is all or nothing.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { actorOf } from '../auth/principal.js';
import { badRequest } from '../errors/catalogue.js';
import { principal } from '../server/auth-plugin.js';
import { importSheet } from './commands/import-sheet.js';
import { SHEET_KINDS, sheetTemplate } from './sheets/index.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const resultView = z.object({
  kind: z.enum(SHEET_KINDS),
  dryRun: z.boolean(),
  applied: z.boolean(),
  ok: z.boolean(),
  create: z.array(z.object({ row: z.number(), key: z.string() })),
  update: z.array(
    z.object({ row: z.number(), key: z.string(), changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) }),
  ),
  unchanged: z.array(z.object({ row: z.number(), key: z.string() })),
  errors: z.array(z.object({ row: z.number().nullable(), column: z.string().nullable(), message: z.string() })),
});

export function sheetRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => {
      done(null, body);
    });
    const tags = ['spreadsheet import'];
    const kindParams = z.object({ kind: z.enum(SHEET_KINDS) });

    app.post(
      '/import/:kind',
      {
        config: { permission: 'model:write' },
        schema: {
          tags,
          summary: `Import people, AI systems, tools or third parties from a sheet with a header row (body: the file, Content-Type text/csv or ${XLSX_TYPE}); dryRun=true changes nothing`,
          params: kindParams,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
          response: { 200: resultView },
        },
      },
      async (request) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
        if (!Buffer.isBuffer(request.body))
          throw badRequest(`Send the sheet as the request body with Content-Type text/csv or ${XLSX_TYPE}.`);
        const format = type === 'text/csv' ? 'csv' : 'xlsx';
        const who = principal(request);
        return importSheet(ctx, actorOf(who), who.orgId, {
          kind: request.params.kind,
          format,
          data: request.body,
          dryRun: request.query.dryRun !== 'false',
        });
      },
    );

    app.get(
      '/import/:kind/template.csv',
      { config: { permission: 'model:read' }, schema: { tags, summary: 'An empty CSV with the accepted header row', params: kindParams } },
      async (request, reply) =>
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${request.params.kind}.csv"`)
          .send(sheetTemplate(request.params.kind).join(',') + '\n'),
    );
  };
}
