// Runs the pure engine over an organization's model (or a model file), records runs and
// feeds the gap register. The engine never reads the clock; "today" comes from here.
import type { AppContext } from '../app/context.js';
import { newId, nowIso } from '../app/ids.js';
import type { Actor } from '../audit/service.js';
import { inWrite } from '../audit/write.js';
import { analyze, EngineInputError, whatIf, type AnalysisResult, type WhatIfResult, type WhatIfScenario } from '../engine/index.js';
import type { AnalysisRunsTable } from '../db/types.js';
import { AppError } from '../errors/catalogue.js';
import { applyAnalysisToRegister, type RegisterChanges } from '../gaps/service.js';
import { gapRepo } from '../gaps/repo.js';
import { loadModel } from '../model/model-file.js';
import type { ModelFile } from '../model/schema.js';

export interface AnalysisRequest {
  /** e.g. 2027Q1, 2027-03, 2027; default: the quarter containing asOf. */
  period?: string | undefined;
  /** "Today" for expiry and overdue checks, YYYY-MM-DD; default: the real date. */
  asOf?: string | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function asOfOf(req: AnalysisRequest): string {
  const asOf = req.asOf ?? nowIso().slice(0, 10);
  if (!ISO_DATE.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
    throw new AppError('BAD_REQUEST', `"${asOf}" is not a date; give the as-of day as YYYY-MM-DD, e.g. 2027-01-15.`);
  }
  return asOf;
}

/** Engine input errors (a bad period label, an unknown person in a what-if) are the caller's to fix. */
function engine<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof EngineInputError) throw new AppError('BAD_REQUEST', e.message);
    throw e;
  }
}

export function analyzeModel(model: ModelFile, req: AnalysisRequest): AnalysisResult {
  const asOf = asOfOf(req);
  return engine(() => analyze({ model, asOf, ...(req.period ? { period: req.period } : {}) }));
}

export function whatIfModel(model: ModelFile, req: AnalysisRequest, scenarios: WhatIfScenario[]): WhatIfResult {
  const asOf = asOfOf(req);
  return engine(() => whatIf({ model, asOf, ...(req.period ? { period: req.period } : {}) }, scenarios));
}

export async function computeAnalysis(ctx: AppContext, orgId: string, req: AnalysisRequest): Promise<AnalysisResult> {
  return analyzeModel(await loadModel(ctx.db.kysely, orgId), req);
}

export async function computeWhatIf(
  ctx: AppContext,
  orgId: string,
  req: AnalysisRequest,
  scenarios: WhatIfScenario[],
): Promise<WhatIfResult> {
  return whatIfModel(await loadModel(ctx.db.kysely, orgId), req, scenarios);
}

export interface RecordedRun {
  runId: string;
  at: string;
  result: AnalysisResult;
  register: RegisterChanges;
}

/** Analyzes, stores the run and upserts its gaps into the register, in one transaction. */
export async function recordAnalysisRun(ctx: AppContext, actor: Actor, orgId: string, req: AnalysisRequest): Promise<RecordedRun> {
  return inWrite(ctx.db, orgId, actor, async (w) => {
    const result = analyzeModel(await loadModel(w.trx, orgId), req);
    const runId = newId();
    const at = nowIso();
    const register = await applyAnalysisToRegister(w, runId, result);
    const summary = { totals: result.totals, register, rulesNotEvaluated: result.rulesNotEvaluated.map((r) => r.rule) };
    await gapRepo.insertRun(w.trx, {
      id: runId,
      org_id: orgId,
      at,
      actor: actor.label,
      period: result.period.label,
      as_of: result.asOf,
      summary: JSON.stringify(summary),
      result: JSON.stringify(result),
    });
    await w.audit('analysis-run', runId, 'run', undefined, { period: result.period.label, asOf: result.asOf, ...summary });
    return { runId, at, result, register };
  });
}

export interface RunView {
  id: string;
  at: string;
  actor: string;
  period: string;
  asOf: string;
  summary: unknown;
}

const presentRun = (r: Omit<AnalysisRunsTable, 'result'>): RunView => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  period: r.period,
  asOf: r.as_of,
  summary: JSON.parse(r.summary) as unknown,
});

export async function listRuns(ctx: AppContext, orgId: string, limit: number, offset: number): Promise<RunView[]> {
  return (await gapRepo.listRuns(ctx.db.kysely, orgId, limit, offset)).map(presentRun);
}

export async function getRun(ctx: AppContext, orgId: string, id: string): Promise<RunView & { result: AnalysisResult }> {
  const r = await gapRepo.findRun(ctx.db.kysely, orgId, id);
  if (!r) throw new AppError('NOT_FOUND', `No analysis run with id "${id}"; list them with GET /api/v1/analysis/runs.`);
  return { ...presentRun(r), result: JSON.parse(r.result) as AnalysisResult };
}
