// Rules that need operational data (evidence records, work items, adequacy reviews and
// reassessment triggers). They only run when the caller supplies the list they read.
import { datePart, dayOf, isoFromDay } from '../dates.js';
import { listSome, plural } from '../format.js';
import type { EvidenceRecord, Gap, Subject, SubjectKind, WorkItem } from '../types.js';
import {
  activitySubject,
  criticalExposure,
  highExposure,
  makeGap,
  nameOf,
  subject,
  type RuleContext,
  type RuleDefinition,
} from './types.js';

interface EvidenceGroup {
  kind: SubjectKind;
  key: string;
  type: EvidenceRecord['type'];
  current: EvidenceRecord | null;
  /** Latest record that expired (status expired or validUntil before asOf). */
  expired: EvidenceRecord | null;
}

/** Groups evidence by (linked entity, type): is there a current record, or only an expired one? */
function evidenceIndex(ctx: RuleContext, records: readonly EvidenceRecord[]): Map<string, EvidenceGroup> {
  const asOf = ctx.c.asOf;
  const groups = new Map<string, EvidenceGroup>();
  for (const r of records) {
    if (r.status === 'draft' || r.status === 'rejected') continue;
    const validUntil = r.validUntil === null ? null : datePart(r.validUntil);
    const isExpired = r.status === 'expired' || (validUntil !== null && validUntil < asOf);
    const isCurrent = !isExpired && datePart(r.effectiveDate) <= asOf;
    if (!isExpired && !isCurrent) continue; // not effective yet
    for (const l of r.links) {
      const id = `${l.kind}\u0000${l.key}\u0000${r.type}`;
      let g = groups.get(id);
      if (!g) {
        g = { kind: l.kind, key: l.key, type: r.type, current: null, expired: null };
        groups.set(id, g);
      }
      if (isCurrent) g.current = g.current ?? r;
      else if (!g.expired || (g.expired.validUntil ?? '') < (r.validUntil ?? '')) g.expired = r;
    }
  }
  return groups;
}

export const evidenceMissing: RuleDefinition = {
  id: 'EVIDENCE-MISSING',
  title: 'Required evidence missing',
  defaultSeverity: 'medium',
  description:
    'A required activity with demand this period has an expected evidence type with no submitted or accepted, effective record linked to it (and no expired one either).',
  severityNote: 'high when the activity covers critical-risk or regulated-decisioning systems',
  remediation: 'Upload the evidence and link it to the activity.',
  needs: ['activities (evidenceTypes)', 'operational.evidence'],
  operational: 'evidence',
  evaluate(ctx) {
    const idx = evidenceIndex(ctx, ctx.operational?.evidence ?? []);
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (!ac.activity.required || ac.demand.hours <= 0) continue;
      for (const type of ac.activity.evidenceTypes) {
        const g = idx.get(`activity\u0000${ac.activity.key}\u0000${type}`);
        if (g && (g.current || g.expired)) continue;
        out.push(
          makeGap(
            'EVIDENCE-MISSING',
            criticalExposure(ac) ? 'high' : 'medium',
            activitySubject(ac),
            `"${ac.activity.name}" is expected to produce "${type}" evidence, but no submitted or accepted record of that type is linked to it as of ${ctx.c.asOf}.`,
            `Upload the current "${type}" for "${ac.activity.name}", link it to the activity and submit it for acceptance.`,
            [],
            `type:${type}`,
          ),
        );
      }
    }
    return out;
  },
};

export const evidenceExpired: RuleDefinition = {
  id: 'EVIDENCE-EXPIRED',
  title: 'Evidence expired',
  defaultSeverity: 'medium',
  description:
    'For an entity and evidence type, the latest record expired (status expired or validUntil before asOf) and no current record replaces it.',
  severityNote: 'high for evidence of activities covering high/critical-risk or regulated systems',
  remediation: 'Renew the evidence (new revision with a new validity date).',
  needs: ['operational.evidence', 'the linked entities'],
  operational: 'evidence',
  evaluate(ctx) {
    const idx = evidenceIndex(ctx, ctx.operational?.evidence ?? []);
    const out: Gap[] = [];
    for (const g of idx.values()) {
      if (g.current || !g.expired) continue;
      const name = nameOf(ctx, g.kind, g.key);
      const ac = g.kind === 'activity' ? ctx.c.activityByKey.get(g.key) : undefined;
      if (g.kind === 'activity' && !ac) continue; // retired or unknown activity: nothing to prove
      const when = g.expired.validUntil ? `expired on ${datePart(g.expired.validUntil)}` : 'is marked expired';
      out.push(
        makeGap(
          'EVIDENCE-EXPIRED',
          ac && highExposure(ac) ? 'high' : 'medium',
          subject(g.kind, g.key, name ?? g.key),
          `The "${g.type}" evidence for ${g.kind} "${name ?? g.key}" (record ${g.expired.id}) ${when} and nothing current replaces it.`,
          `Obtain a current "${g.type}" for "${name ?? g.key}", record it as a new revision with its validity date, and link it.`,
          [subject('evidence', g.expired.id, `${g.type} ${g.expired.id}`)],
          `type:${g.type}`,
        ),
      );
    }
    return out;
  },
};

export const reviewOverdue: RuleDefinition = {
  id: 'REVIEW-OVERDUE',
  title: 'Adequacy review overdue',
  defaultSeverity: 'medium',
  description: 'No adequacy review signed off within settings.adequacyReviewIntervalDays before asOf.',
  severityNote: 'high when none was ever signed, or overdue by more than a whole interval',
  remediation: 'Hold and sign off the resourcing adequacy review.',
  needs: ['operational.adequacyReviews', 'organization.settings.adequacyReviewIntervalDays'],
  operational: 'adequacyReviews',
  evaluate(ctx) {
    const interval = ctx.c.settings.adequacyReviewIntervalDays;
    const signed = (ctx.operational?.adequacyReviews ?? [])
      .map((r) => ({ r, day: r.signedOffAt === null ? null : dayOf(r.signedOffAt) }))
      .filter((x): x is { r: typeof x.r; day: number } => x.day !== null && x.day <= ctx.c.asOfDay)
      .sort((a, b) => b.day - a.day);
    const org = subject('organization', 'organization', ctx.c.model.organization.name ?? 'Organization');
    const last = signed[0];
    if (!last)
      return [
        makeGap(
          'REVIEW-OVERDUE',
          'high',
          org,
          `No resourcing adequacy review has ever been signed off (reviews are due every ${interval} days).`,
          'Hold the first adequacy review (metrics, gaps, decisions, actions), have it signed off, and schedule the next one.',
        ),
      ];
    const due = last.day + interval;
    if (due >= ctx.c.asOfDay) return [];
    const late = ctx.c.asOfDay - due;
    return [
      makeGap(
        'REVIEW-OVERDUE',
        late > interval ? 'high' : 'medium',
        org,
        `The last adequacy review (${last.r.id}, ${last.r.periodLabel}) was signed off on ${isoFromDay(last.day)}; the next was due on ${isoFromDay(due)}, ${plural(late, 'day')} ago.`,
        `Hold the adequacy review for ${ctx.c.period.label} now and have it signed off; put the quarterly cadence in the calendar.`,
      ),
    ];
  },
};

export const reassessmentPending: RuleDefinition = {
  id: 'REASSESSMENT-PENDING',
  title: 'Triggered reassessment pending',
  defaultSeverity: 'medium',
  description:
    'A reassessment trigger (new AI system, major change, incident surge, key-person departure) up to asOf that no signed adequacy review addressed.',
  severityNote: 'high for key-person departures and for triggers about high/critical-risk AI systems',
  remediation: 'Run a triggered adequacy review and link the trigger to it.',
  needs: ['operational.reassessmentTriggers', 'operational.adequacyReviews (optional, to check sign-off)'],
  operational: 'reassessmentTriggers',
  evaluate(ctx) {
    const reviews = ctx.operational?.adequacyReviews;
    const byId = new Map((reviews ?? []).map((r) => [r.id, r]));
    const out: Gap[] = [];
    for (const t of ctx.operational?.reassessmentTriggers ?? []) {
      const day = dayOf(t.occurredAt);
      if (day === null || day > ctx.c.asOfDay) continue;
      let why: string | null = null;
      if (t.addressedByReview === null) why = 'no adequacy review has addressed it';
      else if (reviews) {
        const r = byId.get(t.addressedByReview);
        if (!r) why = `it points to an unknown review "${t.addressedByReview}"`;
        else if (r.signedOffAt === null) why = `review ${r.id} that addresses it is not signed off yet`;
      }
      if (why === null) continue;
      const sys = t.subject.kind === 'ai-system' ? ctx.c.systemByKey.get(t.subject.key) : undefined;
      const high = t.kind === 'key-person-departure' || (sys !== undefined && (sys.riskTier === 'high' || sys.riskTier === 'critical'));
      const age = ctx.c.asOfDay - day;
      out.push(
        makeGap(
          'REASSESSMENT-PENDING',
          high ? 'high' : 'medium',
          subject(t.subject.kind, t.subject.key, t.subject.name),
          `Reassessment trigger ${t.id} (${t.kind.replace(/-/g, ' ')}: ${t.subject.name}) occurred on ${datePart(t.occurredAt)}, ${plural(age, 'day')} ago, but ${why}.`,
          `Run a triggered adequacy review for the ${t.kind.replace(/-/g, ' ')} of "${t.subject.name}" (re-run the analysis and what-ifs), sign it off and link trigger ${t.id} to it.`,
          [subject('reassessment-trigger', t.id, `${t.kind} ${t.id}`)],
          `trigger:${t.id}`,
        ),
      );
    }
    return out;
  },
};

export const workOverdue: RuleDefinition = {
  id: 'WORK-OVERDUE',
  title: 'Overdue work items',
  defaultSeverity: 'medium',
  description: 'Open or in-progress work items past their due date, grouped by activity.',
  severityNote: 'high when an overdue item concerns a high/critical-risk or regulated-decisioning AI system',
  remediation: 'Clear the backlog: reassign, add capacity, or escalate.',
  needs: ['operational.workItems', 'activities', 'aiSystems'],
  operational: 'workItems',
  evaluate(ctx) {
    const byActivity = new Map<string, Array<{ w: WorkItem; day: number }>>();
    for (const w of ctx.operational?.workItems ?? []) {
      if (w.status !== 'open' && w.status !== 'in-progress') continue;
      const day = dayOf(w.dueDate);
      if (day === null || day >= ctx.c.asOfDay) continue;
      const list = byActivity.get(w.activity);
      if (list) list.push({ w, day });
      else byActivity.set(w.activity, [{ w, day }]);
    }
    const out: Gap[] = [];
    for (const [key, items] of byActivity) {
      items.sort((a, b) => a.day - b.day || (a.w.id < b.w.id ? -1 : 1));
      const oldest = items[0];
      if (!oldest) continue;
      const ac = ctx.c.activityByKey.get(key);
      const name = ctx.c.anyActivity.get(key)?.name ?? key;
      const high = items.some((x) => {
        const s = x.w.aiSystem === null ? undefined : ctx.c.systemByKey.get(x.w.aiSystem);
        return s !== undefined && (s.riskTier === 'high' || s.riskTier === 'critical' || s.regulatedDecisioning);
      });
      const unassigned = items.filter((x) => x.w.assignee === null).length;
      const related: Subject[] = items.slice(0, 20).map((x) => subject('work-item', x.w.id, x.w.id));
      out.push(
        makeGap(
          'WORK-OVERDUE',
          high ? 'high' : 'medium',
          ac ? activitySubject(ac) : subject('activity', key, name),
          `"${name}": ${plural(items.length, 'work item')} past due (oldest ${oldest.w.id}, due ${isoFromDay(oldest.day)}, ${plural(ctx.c.asOfDay - oldest.day, 'day')} late)${unassigned > 0 ? `; ${unassigned} unassigned` : ''}: ${listSome(
            items.map((x) => x.w.id),
            5,
          )}.`,
          `Clear the "${name}" backlog: assign owners to overdue items, add capacity or escalate to the accountable owner; record completion evidence.`,
          related,
        ),
      );
    }
    return out;
  },
};

export const operationalRules: readonly RuleDefinition[] = [
  evidenceMissing,
  evidenceExpired,
  reviewOverdue,
  reassessmentPending,
  workOverdue,
];
