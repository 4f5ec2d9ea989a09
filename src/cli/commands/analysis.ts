// analyze, whatif and gaps: the determination engine from the command line, on the database
// or on a model file with no database at all (a CI job can fail on high-severity gaps).
import type { Command } from 'commander';
import { analyzeModel, recordAnalysisRun, computeAnalysis, whatIfModel, type AnalysisRequest } from '../../analysis/service.js';
import { openContext } from '../../app/bootstrap.js';
import type { AppContext } from '../../app/context.js';
import {
  SEVERITIES,
  formatAnalysis,
  formatWhatIf,
  renderTable,
  type AnalysisResult,
  type Severity,
  type WhatIfScenario,
} from '../../engine/index.js';
import { AppError } from '../../errors/catalogue.js';
import { listGaps } from '../../gaps/service.js';
import { assertValidModel, loadModel } from '../../model/model-file.js';
import type { ModelFile } from '../../model/schema.js';
import { RISK_TIERS, type RiskTier } from '../../model/schema.js';
import { resolveOrganization } from '../../orgs/service.js';
import { readTextOrFail } from '../files.js';
import { cliActor, EXIT, out, printError } from '../run.js';

type OutputFormat = 'table' | 'json' | 'md';

function outputFormat(value: string): OutputFormat {
  if (value === 'table' || value === 'json' || value === 'md') return value;
  throw new AppError('USAGE', `--format must be table, json or md, not "${value}".`);
}

function failOnLevel(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new AppError('USAGE', `--fail-on must be one of ${SEVERITIES.join(', ')}, not "${value}".`);
  }
  return value as Severity;
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** Exit 3 when a gap at or above the level exists. */
export function exitFor(result: AnalysisResult, failOn: Severity | undefined): number {
  if (!failOn) return EXIT.ok;
  return result.gaps.some((g) => RANK[g.severity] >= RANK[failOn]) ? EXIT.gapsFound : EXIT.ok;
}

const readModelFile = (file: string): ModelFile => assertValidModel(readTextOrFail(file));

/** Runs `body` with a model from a file (no database) or from the organization's database. */
async function withModel(
  file: string | undefined,
  org: string | undefined,
  body: (model: ModelFile, ctx: AppContext | null, orgId: string | null) => Promise<number>,
): Promise<void> {
  let ctx: AppContext | undefined;
  try {
    if (file) {
      process.exitCode = await body(readModelFile(file), null, null);
      return;
    }
    ctx = await openContext();
    const organization = await resolveOrganization(ctx, org);
    process.exitCode = await body(await loadModel(ctx.db.kysely, organization.id), ctx, organization.id);
  } catch (e) {
    process.exitCode = printError(e);
  } finally {
    await ctx?.db.close();
  }
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseAddSystems(value: string): WhatIfScenario {
  const m = /^(\d+):([a-z]+)$/.exec(value);
  if (!m || !(RISK_TIERS as readonly string[]).includes(m[2] ?? '')) {
    throw new AppError(
      'USAGE',
      `--add-systems takes <count>:<tier> with tier one of ${RISK_TIERS.join(', ')}, e.g. 3:high (got "${value}").`,
    );
  }
  return { kind: 'add-systems', count: Number(m[1]), tier: m[2] as RiskTier };
}

/** "Name:hours[:competence=level,…][:activity,…]" */
function parseAddPerson(value: string): WhatIfScenario {
  const [name, hours, comps, activities] = value.split(':');
  const h = Number(hours);
  if (!name || !Number.isFinite(h) || h < 0) {
    throw new AppError(
      'USAGE',
      `--add-person takes "Name:hours[:competence=level,…][:activity,…]", e.g. "New Validator:8:model-validation=3" (got "${value}").`,
    );
  }
  const competences = (comps ? comps.split(',') : []).filter(Boolean).map((c) => {
    const [competence, level] = c.split('=');
    const lv = Number(level);
    if (!competence || !Number.isInteger(lv) || lv < 1 || lv > 4)
      throw new AppError('USAGE', `Competence "${c}" in --add-person must be key=level with level 1–4.`);
    return { competence, level: lv };
  });
  return {
    kind: 'add-person',
    name,
    hoursPerWeek: h,
    competences,
    ...(activities ? { assignTo: activities.split(',').filter(Boolean) } : {}),
  };
}

export function registerAnalysisCommands(program: Command): void {
  program
    .command('analyze [model-file]')
    .description(
      'Demand vs capacity with rationale and the gap rules; with a model file, runs with no database. Exit 3 when a gap at or above --fail-on exists',
    )
    .option('--org <name>', 'organization (default: the only one)')
    .option('--period <period>', 'planning period: 2027Q1, 2027-03 or 2027 (default: the quarter containing --as-of)')
    .option('--as-of <date>', '"today" for expiry and overdue checks, YYYY-MM-DD (default: the real date)')
    .option('--format <format>', 'table, json or md', 'table')
    .option('--fail-on <severity>', 'exit 3 when a gap of this severity or higher exists: critical, high, medium or low')
    .option('--no-record', 'do not record the run or update the gap register (database only)')
    .action(
      (
        file: string | undefined,
        opts: { org?: string; period?: string; asOf?: string; format: string; failOn?: string; record: boolean },
      ) =>
        withModel(file, opts.org, async (model, ctx, orgId) => {
          const format = outputFormat(opts.format);
          const failOn = failOnLevel(opts.failOn);
          const req: AnalysisRequest = { period: opts.period, asOf: opts.asOf };
          let result: AnalysisResult;
          if (ctx && orgId && opts.record) {
            const run = await recordAnalysisRun(ctx, cliActor(), orgId, req);
            result = run.result;
            const r = run.register;
            process.stderr.write(
              `Recorded run ${run.runId}; gap register: ${r.opened} new, ${r.reopened} reopened, ${r.updated} changed, ${r.stillOpen} still open, ${r.resolved} resolved by analysis.\n`,
            );
          } else if (ctx && orgId) {
            result = await computeAnalysis(ctx, orgId, req);
          } else {
            result = analyzeModel(model, req);
          }
          out(format === 'json' ? JSON.stringify(result, null, 2) : formatAnalysis(result, format));
          return exitFor(result, failOn);
        }),
    );

  program
    .command('whatif [model-file]')
    .description(
      'What-if against the baseline: a person absent, more AI systems, an incident surge (seeded Monte Carlo), a new person; options combine',
    )
    .option('--org <name>', 'organization (default: the only one)')
    .option('--absent <person>', 'person key absent for the whole period (repeatable)', collect, [])
    .option('--add-systems <count:tier>', 'N more in-scope systems of a tier, e.g. 3:high (repeatable)', collect, [])
    .option('--surge <factor>', 'multiply incident arrivals, e.g. 3')
    .option('--runs <n>', 'with --surge: Monte Carlo runs giving p50/p95 demand')
    .option('--seed <n>', 'with --runs: random seed (same seed, same result)', '42')
    .option('--add-person <spec>', '"Name:hours[:competence=level,…][:activity,…]" (repeatable)', collect, [])
    .option('--period <period>', 'planning period (default: the quarter containing --as-of)')
    .option('--as-of <date>', '"today", YYYY-MM-DD (default: the real date)')
    .option('--format <format>', 'table, json or md', 'table')
    .action(
      (
        file: string | undefined,
        opts: {
          org?: string;
          absent: string[];
          addSystems: string[];
          surge?: string;
          runs?: string;
          seed: string;
          addPerson: string[];
          period?: string;
          asOf?: string;
          format: string;
        },
      ) =>
        withModel(file, opts.org, async (model) => {
          const format = outputFormat(opts.format);
          const scenarios: WhatIfScenario[] = [
            ...opts.absent.map((person): WhatIfScenario => ({ kind: 'absent', person })),
            ...opts.addSystems.map(parseAddSystems),
            ...opts.addPerson.map(parseAddPerson),
          ];
          if (opts.surge !== undefined) {
            const factor = Number(opts.surge);
            if (!Number.isFinite(factor) || factor <= 0)
              throw new AppError('USAGE', `--surge takes a positive factor, e.g. 3 (got "${opts.surge}").`);
            const runs = opts.runs === undefined ? undefined : Number(opts.runs);
            if (runs !== undefined && (!Number.isInteger(runs) || runs < 1 || runs > 100_000))
              throw new AppError('USAGE', '--runs takes a whole number from 1 to 100000.');
            const seed = Number(opts.seed);
            if (!Number.isInteger(seed)) throw new AppError('USAGE', '--seed takes a whole number.');
            scenarios.push({ kind: 'surge', factor, ...(runs ? { monteCarlo: { runs, seed } } : {}) });
          }
          if (scenarios.length === 0)
            throw new AppError(
              'USAGE',
              'Say what to try: --absent <person>, --add-systems <n>:<tier>, --surge <k> or --add-person <spec>.',
            );
          const result = whatIfModel(model, { period: opts.period, asOf: opts.asOf }, scenarios);
          out(format === 'json' ? JSON.stringify(result, null, 2) : formatWhatIf(result, format));
          return EXIT.ok;
        }),
    );

  program
    .command('gaps')
    .description('The gap register: open gaps by default, most severe first')
    .option('--org <name>', 'organization (default: the only one)')
    .option('--status <list>', 'comma-separated: open, in-progress, resolved, risk-accepted', 'open,in-progress')
    .option('--severity <list>', 'comma-separated severities')
    .option('--overdue', 'only gaps whose remediation target date has passed')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { org?: string; status: string; severity?: string; overdue?: boolean; format: string }) => {
      let ctx: AppContext | undefined;
      try {
        const format = outputFormat(opts.format);
        ctx = await openContext();
        const organization = await resolveOrganization(ctx, opts.org);
        const { items, total } = await listGaps(ctx, organization.id, {
          status: opts.status.split(',').filter(Boolean),
          severity: opts.severity?.split(',').filter(Boolean),
          overdue: opts.overdue ?? false,
          sort: 'severity',
          order: 'desc',
          limit: 500,
          offset: 0,
        });
        if (format === 'json') out(JSON.stringify({ items, total }, null, 2));
        else {
          out(
            renderTable(
              ['Severity', 'Rule', 'Subject', 'Status', 'Owner', 'Target', 'Overdue'],
              items.map((g) => [
                g.severity,
                g.rule,
                `${g.subject.kind} ${g.subject.id}`,
                g.status,
                g.owner ?? '-',
                g.targetDate ?? '-',
                g.overdue ? 'yes' : '',
              ]),
              ['l', 'l', 'l', 'l', 'l', 'l', 'l'],
              format === 'md' ? 'md' : 'table',
            ),
          );
          out(`${total} gap(s)`);
        }
        process.exitCode = EXIT.ok;
      } catch (e) {
        process.exitCode = printError(e);
      } finally {
        await ctx?.db.close();
      }
    });
}
