// The living gap register. Analysis runs upsert detected gaps by their stable identity
// (rule + subject), so a gap keeps its owner, remediation, target date and history; a gap
// no longer detected is resolved by analysis (kept, with the time) and reopens if it returns.
import type { AppContext } from '../app/context.js';
import { newId, nowIso } from '../app/ids.js';
import { inWrite, type WriteScope } from '../audit/write.js';
import { can } from '../auth/permissions.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { GapsTable } from '../db/types.js';
import type { AnalysisResult, Gap, Severity } from '../engine/index.js';
import { AppError, forbidden, notFound, unprocessable } from '../errors/catalogue.js';
import { modelRepo } from '../model/repo.js';
import { callerPersonKey } from '../model/service.js';
import { gapRepo, type GapListQuery } from './repo.js';

export const GAP_STATUSES = ['open', 'in-progress', 'resolved', 'risk-accepted'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];
const ACTIVE: readonly string[] = ['open', 'in-progress'];

export interface GapView {
  id: string;
  source: 'analysis' | 'manual';
  rule: string;
  severity: Severity;
  subject: { kind: string; id: string; name: string };
  explanation: string;
  suggestedRemediation: string;
  status: GapStatus;
  owner: string | null;
  remediationAction: string;
  targetDate: string | null;
  closingEvidence: string;
  firstDetectedAt: string | null;
  lastDetectedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  timesReopened: number;
  /** Remediation target date passed while the gap is still open or in progress. */
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface GapEventView {
  at: string;
  kind: string;
  actor: string;
  data: unknown;
}

const today = (): string => nowIso().slice(0, 10);

export function presentGap(g: GapsTable, asOf = today()): GapView {
  return {
    id: g.id,
    source: g.source === 'manual' ? 'manual' : 'analysis',
    rule: g.rule,
    severity: g.severity as Severity,
    subject: { kind: g.subject_kind, id: g.subject_key, name: g.subject_name },
    explanation: g.explanation,
    suggestedRemediation: g.suggested_remediation,
    status: g.status as GapStatus,
    owner: g.owner,
    remediationAction: g.remediation_action,
    targetDate: g.target_date,
    closingEvidence: g.closing_evidence,
    firstDetectedAt: g.first_detected_at,
    lastDetectedAt: g.last_detected_at,
    resolvedAt: g.resolved_at,
    resolvedBy: g.resolved_by,
    timesReopened: g.times_reopened,
    overdue: g.target_date !== null && g.target_date < asOf && ACTIVE.includes(g.status),
    version: g.version,
    createdAt: g.created_at,
    updatedAt: g.updated_at,
  };
}

export interface RegisterChanges {
  opened: number;
  reopened: number;
  updated: number;
  stillOpen: number;
  resolved: number;
}

async function event(w: WriteScope, gapId: string, kind: string, data: unknown): Promise<void> {
  await gapRepo.insertEvent(w.trx, {
    id: newId(),
    org_id: w.orgId,
    gap_id: gapId,
    at: nowIso(),
    kind,
    actor: w.actor.label,
    data: JSON.stringify(data),
  });
}

/**
 * Upserts one run's gaps into the register. Only rules the run evaluated can resolve gaps:
 * a rule skipped for lack of data leaves its gaps as they were.
 */
export async function applyAnalysisToRegister(w: WriteScope, runId: string, result: AnalysisResult): Promise<RegisterChanges> {
  const changes: RegisterChanges = { opened: 0, reopened: 0, updated: 0, stillOpen: 0, resolved: 0 };
  const existing = new Map((await gapRepo.allForOrg(w.trx, w.orgId)).filter((g) => g.source === 'analysis').map((g) => [g.identity, g]));
  const skipped = new Set(result.rulesNotEvaluated.map((r) => r.rule as string));
  const now = nowIso();
  const seen = new Set<string>();

  for (const gap of result.gaps) {
    if (seen.has(gap.key)) continue;
    seen.add(gap.key);
    const row = existing.get(gap.key);
    if (!row) {
      const fresh = newGapRow(w.orgId, newId(), {
        identity: gap.key,
        source: 'analysis',
        ...detected(gap),
        first_detected_at: now,
        last_detected_at: now,
        last_run_id: runId,
      });
      await gapRepo.insert(w.trx, fresh);
      await event(w, fresh.id, 'detected', { runId, severity: gap.severity, explanation: gap.explanation });
      await w.audit('gap', fresh.id, 'detect', undefined, presentGap(fresh));
      changes.opened++;
      continue;
    }
    const reopen = row.status === 'resolved';
    const facts = detected(gap);
    const factsChanged =
      facts.severity !== row.severity || facts.explanation !== row.explanation || facts.subject_name !== row.subject_name;
    const next: GapsTable = {
      ...row,
      ...facts,
      status: reopen ? 'open' : row.status,
      resolved_at: reopen ? null : row.resolved_at,
      resolved_by: reopen ? null : row.resolved_by,
      times_reopened: row.times_reopened + (reopen ? 1 : 0),
      last_detected_at: now,
      last_run_id: runId,
      version: row.version + 1,
      updated_at: now,
    };
    await gapRepo.update(w.trx, row.id, row.version, next);
    if (reopen) {
      await event(w, row.id, 'reopened', { runId, severity: gap.severity, explanation: gap.explanation });
      await w.audit('gap', row.id, 'reopen', presentGap(row), presentGap(next));
      changes.reopened++;
    } else if (factsChanged) {
      await event(w, row.id, 'changed', {
        runId,
        from: { severity: row.severity, explanation: row.explanation },
        to: { severity: gap.severity, explanation: gap.explanation },
      });
      await w.audit('gap', row.id, 'redetect', presentGap(row), presentGap(next));
      changes.updated++;
    } else {
      changes.stillOpen++;
    }
  }

  for (const row of existing.values()) {
    if (seen.has(row.identity) || skipped.has(row.rule) || !ACTIVE.includes(row.status)) continue;
    const next: GapsTable = {
      ...row,
      status: 'resolved',
      resolved_at: now,
      resolved_by: 'analysis',
      last_run_id: runId,
      version: row.version + 1,
      updated_at: now,
    };
    await gapRepo.update(w.trx, row.id, row.version, next);
    await event(w, row.id, 'resolved-by-analysis', { runId });
    await w.audit('gap', row.id, 'resolve-by-analysis', presentGap(row), presentGap(next));
    changes.resolved++;
  }
  return changes;
}

type GapFacts = Pick<
  GapsTable,
  'identity' | 'source' | 'rule' | 'severity' | 'subject_kind' | 'subject_key' | 'subject_name' | 'explanation' | 'suggested_remediation'
>;

/** A new register row: open, unowned and unplanned unless `fields` says otherwise. */
function newGapRow(orgId: string, id: string, fields: GapFacts & Partial<GapsTable>): GapsTable {
  const now = nowIso();
  return {
    id,
    org_id: orgId,
    status: 'open',
    owner: null,
    remediation_action: '',
    target_date: null,
    closing_evidence: '',
    first_detected_at: null,
    last_detected_at: null,
    last_run_id: null,
    resolved_at: null,
    resolved_by: null,
    times_reopened: 0,
    version: 1,
    created_at: now,
    updated_at: now,
    ...fields,
  };
}

function detected(
  gap: Gap,
): Pick<GapsTable, 'rule' | 'severity' | 'subject_kind' | 'subject_key' | 'subject_name' | 'explanation' | 'suggested_remediation'> {
  return {
    rule: gap.rule,
    severity: gap.severity,
    subject_kind: gap.subject.kind,
    subject_key: gap.subject.id,
    subject_name: gap.subject.name,
    explanation: gap.explanation,
    suggested_remediation: gap.remediation,
  };
}

export async function listGaps(
  ctx: AppContext,
  orgId: string,
  query: Omit<GapListQuery, 'overdueBefore'> & { overdue?: boolean | undefined; asOf?: string | undefined },
): Promise<{ items: GapView[]; total: number; limit: number; offset: number }> {
  const asOf = query.asOf ?? today();
  const { rows, total } = await gapRepo.list(ctx.db.kysely, orgId, { ...query, overdueBefore: query.overdue ? asOf : undefined });
  return { items: rows.map((r) => presentGap(r, asOf)), total, limit: query.limit, offset: query.offset };
}

export async function getGap(ctx: AppContext, who: Principal, id: string): Promise<GapView & { history: GapEventView[] }> {
  const row = await gapRepo.findById(ctx.db.kysely, who.orgId, id);
  if (!row) throw notFound('gap', id);
  const history = (await gapRepo.events(ctx.db.kysely, id)).map((e) => ({
    at: e.at,
    kind: e.kind,
    actor: e.actor,
    data: JSON.parse(e.data) as unknown,
  }));
  return { ...presentGap(row), history };
}

export interface GapEdit {
  status?: GapStatus | undefined;
  owner?: string | null | undefined;
  remediationAction?: string | undefined;
  targetDate?: string | null | undefined;
  closingEvidence?: string | undefined;
  severity?: Severity | undefined;
}

async function assertPersonExists(w: WriteScope, owner: string | null | undefined): Promise<void> {
  if (owner === null || owner === undefined) return;
  if (!(await modelRepo.findByKey(w.trx, 'people', w.orgId, owner))) {
    throw unprocessable(`No person with key "${owner}" to own this gap; use a person's key from /api/v1/people.`, [
      { path: 'owner', message: `unknown person "${owner}"` },
    ]);
  }
}

/** Registers a gap found by a person (an auditor's finding, a known weakness). */
export async function createManualGap(
  ctx: AppContext,
  who: Principal,
  input: { rule: string; severity: Severity; subject: { kind: string; id: string; name: string }; explanation: string } & GapEdit,
): Promise<GapView> {
  return inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    await assertPersonExists(w, input.owner);
    const id = newId();
    const row = newGapRow(who.orgId, id, {
      identity: `manual:${id}`,
      source: 'manual',
      rule: input.rule,
      severity: input.severity,
      subject_kind: input.subject.kind,
      subject_key: input.subject.id,
      subject_name: input.subject.name,
      explanation: input.explanation,
      suggested_remediation: input.remediationAction ?? '',
      status: input.status ?? 'open',
      owner: input.owner ?? null,
      remediation_action: input.remediationAction ?? '',
      target_date: input.targetDate ?? null,
      closing_evidence: input.closingEvidence ?? '',
    });
    await gapRepo.insert(w.trx, row);
    await event(w, id, 'created', { by: who.email });
    await w.audit('gap', id, 'create', undefined, presentGap(row));
    return presentGap(row);
  });
}

/** Changes ownership, remediation, target date or status; the version must be current. */
export async function updateGap(ctx: AppContext, who: Principal, id: string, version: number, edit: GapEdit): Promise<GapView> {
  return inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    const row = await gapRepo.findById(w.trx, who.orgId, id);
    if (!row) throw notFound('gap', id);
    if (row.version !== version) {
      throw new AppError(
        'VERSION_CONFLICT',
        `This gap was changed (you sent version ${version}, it is now at version ${row.version}); reload it and apply your change again.`,
        { details: { current: presentGap(row) } },
      );
    }
    if (!can(who.role, 'gaps:write')) {
      const mine = await callerPersonKey(w.trx, who.orgId, who.email);
      if (!mine || row.owner !== mine) throw forbidden('You may update only gaps you own; ask a compliance lead to assign it to you.');
      if (edit.owner !== undefined && edit.owner !== mine)
        throw forbidden('You may not hand a gap to someone else; ask a compliance lead.');
    }
    if (edit.status === 'risk-accepted' && !can(who.role, 'model:approve')) {
      throw forbidden('Accepting a risk is an approver\'s decision; ask an approver to set "risk-accepted".');
    }
    if (edit.severity !== undefined && row.source === 'analysis') {
      throw unprocessable('The severity of a detected gap comes from its rule; change the threshold settings or record a manual gap.', [
        { path: 'severity', message: 'set by analysis' },
      ]);
    }
    const closing = edit.closingEvidence ?? row.closing_evidence;
    if (edit.status === 'resolved' && row.status !== 'resolved' && closing.trim() === '') {
      throw unprocessable('Resolving a gap needs closing evidence: say what shows it is fixed (a link, a record id).', [
        { path: 'closingEvidence', message: 'required to resolve' },
      ]);
    }
    await assertPersonExists(w, edit.owner);
    const now = nowIso();
    const status = edit.status ?? (row.status as GapStatus);
    const resolving = status === 'resolved' && row.status !== 'resolved';
    const next: GapsTable = {
      ...row,
      status,
      owner: edit.owner === undefined ? row.owner : edit.owner,
      remediation_action: edit.remediationAction ?? row.remediation_action,
      target_date: edit.targetDate === undefined ? row.target_date : edit.targetDate,
      closing_evidence: closing,
      severity: edit.severity ?? row.severity,
      resolved_at: resolving ? now : status === 'resolved' ? row.resolved_at : null,
      resolved_by: resolving ? who.email : status === 'resolved' ? row.resolved_by : null,
      version: row.version + 1,
      updated_at: now,
    };
    await gapRepo.update(w.trx, id, version, next);
    await event(w, id, 'edited', edit);
    await w.audit('gap', id, 'update', presentGap(row), presentGap(next));
    return presentGap(next);
  });
}
