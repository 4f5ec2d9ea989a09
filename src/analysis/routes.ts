import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { actorOf } from '../auth/principal.js';
import type { AnalysisResult } from '../engine/index.js';
import { RISK_TIERS } from '../model/schema.js';
import { isoDate, keySchema } from '../model/schema.js';
import { AppError } from '../errors/catalogue.js';
import { principal } from '../server/auth-plugin.js';
import { computeAnalysis, computeWhatIf, getRun, listRuns, recordAnalysisRun } from './service.js';

const periodQuery = z.object({
  period: z.string().max(40).optional().describe('e.g. 2027Q1, 2027-03 or 2027; default: the quarter containing asOf'),
  asOf: isoDate.optional().describe('"today" for expiry and overdue checks; default: the real date'),
});

const activityOut = z
  .object({
    key: z.string(),
    name: z.string(),
    demandHours: z.number(),
    capacityHours: z.number(),
    utilization: z.number().nullable(),
    qualifiedPeople: z.number(),
    backupCovered: z.boolean(),
    rationale: z.object({ demand: z.string(), capacity: z.string(), utilization: z.string() }).loose(),
  })
  .loose();
const gapOut = z
  .object({
    rule: z.string(),
    severity: z.string(),
    subject: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
    explanation: z.string(),
    remediation: z.string(),
  })
  .loose();
const analysisOut = z
  .object({
    period: z.object({ label: z.string(), start: z.string(), end: z.string(), weeks: z.number() }).loose(),
    asOf: z.string(),
    activities: z.array(activityOut),
    gaps: z.array(gapOut),
  })
  .loose();

// The engine's result types are interfaces (no index signature); the response schema checks
// the documented minimum and passes the rest through.
const asOut = (result: AnalysisResult): z.infer<typeof analysisOut> => result as unknown as z.infer<typeof analysisOut>;

const scenario = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('absent'), person: keySchema }),
  z.object({ kind: z.literal('add-systems'), count: z.number().int().min(1).max(10_000), tier: z.enum(RISK_TIERS) }),
  z.object({
    kind: z.literal('surge'),
    factor: z.number().gt(0).max(1000),
    monteCarlo: z.object({ runs: z.number().int().min(1).max(100_000), seed: z.number().int() }).optional(),
  }),
  z.object({
    kind: z.literal('add-person'),
    name: z.string().trim().min(1).max(200),
    hoursPerWeek: z.number().min(0).max(80),
    competences: z.array(z.object({ competence: keySchema, level: z.number().int().min(1).max(4) })).default([]),
    assignTo: z.array(keySchema).optional(),
    afterHours: z.boolean().optional(),
    authorities: z.array(z.enum(['stop-launch', 'approve-budget', 'sign-off-review'])).optional(),
  }),
]);

export function analysisRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['analysis'];
    app.get(
      '/analysis',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary:
            'Demand vs capacity per activity, competence and person, with a rationale for every number, the gaps, and auditor answers (computed, not recorded)',
          querystring: periodQuery,
          response: { 200: analysisOut },
        },
      },
      async (request) => asOut(await computeAnalysis(ctx, principal(request).orgId, request.query)),
    );
    app.get(
      '/analysis/activities/:key',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary: 'The rationale of one activity: demand terms, capacity contributions, utilization',
          params: z.object({ key: keySchema }),
          querystring: periodQuery,
          response: { 200: activityOut },
        },
      },
      async (request) => {
        const result = await computeAnalysis(ctx, principal(request).orgId, request.query);
        const activity = result.activities.find((a) => a.key === request.params.key);
        if (!activity)
          throw new AppError('NOT_FOUND', `No active activity with key "${request.params.key}"; list them with GET /api/v1/activities.`);
        return activity as unknown as z.infer<typeof activityOut>;
      },
    );
    app.post(
      '/analysis/what-if',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary:
            'What-if: a person absent, N more systems of a tier, an incident surge (with seeded Monte Carlo), a new person; returns the delta against the baseline',
          body: periodQuery.extend({ scenarios: z.array(scenario).min(1).max(20) }),
        },
      },
      async (request) => {
        const { scenarios, ...req } = request.body;
        return computeWhatIf(ctx, principal(request).orgId, req, scenarios);
      },
    );
    app.post(
      '/analysis/runs',
      {
        config: { permission: 'gaps:write' },
        schema: {
          tags,
          summary: 'Run the analysis, record it and update the gap register',
          body: periodQuery,
          response: {
            201: z.object({
              runId: z.string(),
              at: z.string(),
              register: z.object({
                opened: z.number(),
                reopened: z.number(),
                updated: z.number(),
                stillOpen: z.number(),
                resolved: z.number(),
              }),
              result: analysisOut,
            }),
          },
        },
      },
      async (request, reply) => {
        const who = principal(request);
        const run = await recordAnalysisRun(ctx, actorOf(who), who.orgId, request.body);
        return reply.status(201).send({ ...run, result: asOut(run.result) });
      },
    );
    app.get(
      '/analysis/runs',
      {
        config: { permission: 'model:read' },
        schema: {
          tags,
          summary: 'Recorded analysis runs, newest first',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => ({ items: await listRuns(ctx, principal(request).orgId, request.query.limit, request.query.offset) }),
    );
    app.get(
      '/analysis/runs/:id',
      {
        config: { permission: 'model:read' },
        schema: { tags, summary: 'One recorded run with its full result', params: z.object({ id: z.string().max(100) }) },
      },
      async (request) => getRun(ctx, principal(request).orgId, request.params.id),
    );
  };
}
