import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { SEVERITIES } from '../engine/index.js';
import { badRequest } from '../errors/catalogue.js';
import { versionFrom } from '../model/routes.js';
import { isoDate, keySchema } from '../model/schema.js';
import { principal } from '../server/auth-plugin.js';
import { GAP_STATUSES, createManualGap, getGap, listGaps, updateGap } from './service.js';

const gapView = z.object({
  id: z.string(),
  source: z.enum(['analysis', 'manual']),
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  subject: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  explanation: z.string(),
  suggestedRemediation: z.string(),
  status: z.enum(GAP_STATUSES),
  owner: z.string().nullable(),
  remediationAction: z.string(),
  targetDate: z.string().nullable(),
  closingEvidence: z.string(),
  firstDetectedAt: z.string().nullable(),
  lastDetectedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  timesReopened: z.number(),
  overdue: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const parts = s.split(',').map((p) => p.trim());
      for (const p of parts) {
        if (!(values as readonly string[]).includes(p)) {
          ctx.addIssue({ code: 'custom', message: `"${p}" is not one of ${values.join(', ')}` });
          return z.NEVER;
        }
      }
      return parts as T[];
    });

const editBody = z.object({
  version: z.number().int().min(1).optional(),
  status: z.enum(GAP_STATUSES).optional(),
  owner: keySchema.nullable().optional().describe('person key of the gap owner'),
  remediationAction: z.string().trim().max(2000).optional(),
  targetDate: isoDate.nullable().optional(),
  closingEvidence: z.string().trim().max(2000).optional(),
  severity: z.enum(SEVERITIES).optional().describe('manual gaps only'),
});

export function gapRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['gap register'];
    app.get(
      '/gaps',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary: 'The gap register: filter by status, severity, rule, subject, owner; overdue=true for remediation past its target date',
          querystring: z.object({
            status: csv(GAP_STATUSES).describe('comma-separated'),
            severity: csv(SEVERITIES).describe('comma-separated'),
            rule: z.string().max(50).optional(),
            subjectKind: z.string().max(50).optional(),
            subjectKey: z.string().max(200).optional(),
            owner: z.string().max(80).optional(),
            source: z.enum(['analysis', 'manual']).optional(),
            overdue: z.enum(['true', 'false']).optional(),
            asOf: isoDate.optional(),
            sort: z.enum(['severity', 'rule', 'updated_at', 'target_date', 'first_detected_at']).default('severity'),
            order: z.enum(['asc', 'desc']).default('desc'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ items: z.array(gapView), total: z.number(), limit: z.number(), offset: z.number() }) },
        },
      },
      async (request) => {
        const q = request.query;
        return listGaps(ctx, principal(request).orgId, { ...q, overdue: q.overdue === 'true' });
      },
    );
    app.get(
      '/gaps/:id',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary: 'One gap with its history',
          params: z.object({ id: z.string().max(100) }),
          response: {
            200: gapView.extend({ history: z.array(z.object({ at: z.string(), kind: z.string(), actor: z.string(), data: z.unknown() })) }),
          },
        },
      },
      async (request) => getGap(ctx, principal(request), request.params.id),
    );
    app.post(
      '/gaps',
      {
        config: { permission: 'gaps:write' },
        schema: {
          tags,
          summary: 'Record a gap by hand (an audit finding, a known weakness)',
          body: editBody.omit({ version: true }).extend({
            rule: z.string().trim().min(1).max(50).default('MANUAL'),
            severity: z.enum(SEVERITIES),
            subject: z.object({
              kind: z.string().trim().min(1).max(50),
              id: z.string().trim().min(1).max(200),
              name: z.string().trim().min(1).max(200),
            }),
            explanation: z.string().trim().min(1).max(5000),
          }),
          response: { 201: gapView },
        },
      },
      async (request, reply) => reply.status(201).send(await createManualGap(ctx, principal(request), request.body)),
    );
    app.patch(
      '/gaps/:id',
      {
        config: { permission: ['gaps:write', 'gaps:write-own'] },
        schema: {
          tags,
          summary: 'Assign, plan or close a gap (owner, remediation action, target date, status, closing evidence); send the version',
          params: z.object({ id: z.string().max(100) }),
          headers: z.object({ 'if-match': z.string().max(40).optional() }),
          body: editBody,
          response: { 200: gapView },
        },
      },
      async (request) => {
        const { version: bodyVersion, ...edit } = request.body;
        const version = versionFrom(bodyVersion, request.headers['if-match']);
        if (version === undefined)
          throw badRequest('Send the version of the gap you are changing, as "version" in the body or an If-Match header.');
        return updateGap(ctx, principal(request), request.params.id, version, edit);
      },
    );
  };
}
