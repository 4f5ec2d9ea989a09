// Rules about provision: tools, budget lines, third parties and the scope statement.
import { dayNumber, dayOf, isoFromDay } from '../dates.js';
import { listSome, money, num } from '../format.js';
import type { Gap, Subject } from '../types.js';
import { makeGap, personName, personSubject, subject, type RuleContext, type RuleDefinition } from './types.js';

export const toolAccessMissing: RuleDefinition = {
  id: 'TOOL-ACCESS-MISSING',
  title: 'Tool access missing for a performer',
  defaultSeverity: 'medium',
  description: 'A responsible performer (R) of an activity that requires a tool has no access row on that tool.',
  severityNote: 'high when the activity covers high/critical-risk or regulated-decisioning systems',
  remediation: 'Grant access and record it on the tool access list, or reassign the work.',
  needs: ['activities (tools)', 'tools (activities, access)', 'assignments', 'people'],
  operational: null,
  evaluate(ctx) {
    const access = new Map<string, Set<string>>();
    for (const t of ctx.c.model.tools) access.set(t.key, new Set(t.access.map((a) => a.person)));
    // One gap per person × tool, listing the activities that need it.
    const missing = new Map<string, { person: string; tool: string; activities: string[]; high: boolean }>();
    for (const ac of ctx.c.activities) {
      if (ac.tools.length === 0) continue;
      const high = ac.exposure.maxTier === 'high' || ac.exposure.maxTier === 'critical' || ac.exposure.regulated > 0;
      for (const con of ac.capacity.contributions) {
        if (con.row.assignment.raci !== 'R') continue;
        const p = con.pc.person.key;
        for (const t of ac.tools) {
          if (access.get(t.key)?.has(p)) continue;
          const id = `${p}|${t.key}`;
          const e = missing.get(id);
          if (e) {
            if (!e.activities.includes(ac.activity.key)) e.activities.push(ac.activity.key);
            e.high ||= high;
          } else missing.set(id, { person: p, tool: t.key, activities: [ac.activity.key], high });
        }
      }
    }
    const out: Gap[] = [];
    for (const e of missing.values()) {
      const tool = ctx.c.toolByKey.get(e.tool);
      const toolName = tool?.name ?? e.tool;
      const acts = e.activities.map((k) => `"${ctx.c.anyActivity.get(k)?.name ?? k}"`);
      out.push(
        makeGap(
          'TOOL-ACCESS-MISSING',
          e.high ? 'high' : 'medium',
          personSubject(ctx, e.person),
          `${personName(ctx, e.person)} performs ${listSome(acts, 4)}, which ${e.activities.length === 1 ? 'needs' : 'need'} "${toolName}" (${tool?.category ?? 'tool'}), but has no access to it.`,
          `Grant ${personName(ctx, e.person)} access to "${toolName}" and record it on the tool's access list with the grant date${tool?.seats != null ? ` (check seats: ${tool.access.length} of ${tool.seats} used)` : ''}, or reassign the work.`,
          [subject('tool', e.tool, toolName), ...e.activities.map((k) => subject('activity', k, ctx.c.anyActivity.get(k)?.name ?? k))],
          `tool:${e.tool}`,
        ),
      );
    }
    return out;
  },
};

export const toolUnfunded: RuleDefinition = {
  id: 'TOOL-UNFUNDED',
  title: 'Tool unfunded, licence expired or seats exceeded',
  defaultSeverity: 'medium',
  description:
    'A tool that is not free has no budget line (or a retired/unknown one), its licence expired before asOf, or more people have access than licensed seats.',
  severityNote: 'high when the licence has expired',
  remediation: 'Fund it from an approved budget line, renew the licence, or buy seats / remove access.',
  needs: ['tools', 'budgetLines'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const t of ctx.c.model.tools) {
      if (t.retired) continue;
      const reasons: string[] = [];
      const fixes: string[] = [];
      if (!t.free) {
        const line = t.budgetLine === null ? undefined : ctx.c.budgetByKey.get(t.budgetLine);
        if (t.budgetLine === null) reasons.push('no budget line pays for it');
        else if (!line) reasons.push(`its budget line "${t.budgetLine}" does not exist`);
        else if (line.retired) reasons.push(`its budget line "${line.name}" is retired`);
        if (reasons.length > 0) fixes.push('link it to an approved, current budget line (or mark it free if it costs nothing)');
      }
      const expired = t.licenceExpires !== null && t.licenceExpires < ctx.c.asOf;
      if (expired) {
        reasons.push(`its licence expired on ${t.licenceExpires}`);
        fixes.push('renew the licence and record the new expiry date');
      }
      const users = new Set(t.access.map((a) => a.person)).size;
      if (t.seats !== null && users > t.seats) {
        reasons.push(`${users} people have access but only ${t.seats} ${t.seats === 1 ? 'seat is' : 'seats are'} licensed`);
        fixes.push(
          `buy ${users - t.seats} more ${users - t.seats === 1 ? 'seat' : 'seats'} or remove access for people who no longer need it`,
        );
      }
      if (reasons.length === 0) continue;
      out.push(
        makeGap(
          'TOOL-UNFUNDED',
          expired ? 'high' : 'medium',
          subject('tool', t.key, t.name),
          `Tool "${t.name}": ${reasons.join('; ')}.`,
          `${fixes.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()),
        ),
      );
    }
    return out;
  },
};

/** Budget lines that matter now: overlapping the planning period or covering asOf. */
function currentLines(ctx: RuleContext) {
  const { period, asOf } = ctx.c;
  return ctx.c.model.budgetLines.filter(
    (b) => !b.retired && ((b.periodStart <= period.end && b.periodEnd >= period.start) || (b.periodStart <= asOf && b.periodEnd >= asOf)),
  );
}

export const budgetUnapproved: RuleDefinition = {
  id: 'BUDGET-UNAPPROVED',
  title: 'Budget line without approval',
  defaultSeverity: 'medium',
  description:
    'A current budget line (overlapping the period or covering asOf) has no approval; or an approval with no evidence reference.',
  severityNote: 'low when approved but the approval evidence reference is empty',
  remediation: 'Get the line approved by top management and record who, when and the evidence.',
  needs: ['budgetLines'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const b of currentLines(ctx)) {
      const amount = money(b.amountMinor, b.currency);
      if (b.approval === null)
        out.push(
          makeGap(
            'BUDGET-UNAPPROVED',
            'medium',
            subject('budget-line', b.key, b.name),
            `Budget line "${b.name}" (${amount}, ${b.category}, ${b.periodStart} to ${b.periodEnd}) has no recorded approval.`,
            `Take "${b.name}" (${amount}) to the budget approver, then record who approved it, when, and a reference to the minutes or memo.`,
          ),
        );
      else if (b.approval.evidence.trim() === '')
        out.push(
          makeGap(
            'BUDGET-UNAPPROVED',
            'low',
            subject('budget-line', b.key, b.name),
            `Budget line "${b.name}" (${amount}) was approved by ${b.approval.by} on ${b.approval.at} but no approval evidence is referenced.`,
            `Attach the approval evidence for "${b.name}" (minutes, memo or ticket) and reference it on the approval.`,
            [],
            'evidence',
          ),
        );
    }
    return out;
  },
};

export const budgetOverspent: RuleDefinition = {
  id: 'BUDGET-OVERSPENT',
  title: 'Budget line overspent',
  defaultSeverity: 'medium',
  description: 'Invoices against a current budget line add up to more than its amount.',
  severityNote: 'high when overspent by more than 10%',
  remediation: 'Approve a budget increase or a reallocation, and find the cause.',
  needs: ['budgetLines (actuals)'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const b of currentLines(ctx)) {
      const invoiced = b.actuals.filter((a) => a.kind === 'invoice').reduce((s, a) => s + a.amountMinor, 0);
      if (invoiced <= b.amountMinor) continue;
      const over = invoiced - b.amountMinor;
      const ratio = b.amountMinor > 0 ? over / b.amountMinor : Infinity;
      const count = b.actuals.filter((a) => a.kind === 'invoice').length;
      out.push(
        makeGap(
          'BUDGET-OVERSPENT',
          ratio > 0.1 ? 'high' : 'medium',
          subject('budget-line', b.key, b.name),
          `Budget line "${b.name}": ${count} ${count === 1 ? 'invoice totals' : 'invoices total'} ${money(invoiced, b.currency)} against ${money(b.amountMinor, b.currency)} — overspent by ${money(over, b.currency)}${Number.isFinite(ratio) ? ` (${num(ratio * 100)}%)` : ''}.`,
          `Get an approved increase or reallocation of at least ${money(over, b.currency)} for "${b.name}" and record the cause of the overrun; stop new POs against it until then.`,
        ),
      );
    }
    return out;
  },
};

const CONTRACT_KINDS = new Set(['contract', 'sow', 'order-form']);
const important = (c: string): boolean => c === 'high' || c === 'critical';

export const vendorOwnerMissing: RuleDefinition = {
  id: 'VENDOR-OWNER-MISSING',
  title: 'Third party without an internal owner',
  defaultSeverity: 'medium',
  description: 'A third party has no internal owner, or its owner is unknown or retired.',
  severityNote: 'high for high/critical third parties',
  remediation: 'Name an active internal owner accountable for the relationship.',
  needs: ['thirdParties', 'people'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const t of ctx.c.model.thirdParties) {
      if (t.retired) continue;
      const owner = t.owner === null ? undefined : ctx.c.anyPerson.get(t.owner);
      let why: string | null = null;
      if (t.owner === null) why = 'has no internal owner';
      else if (!owner) why = `names an unknown owner "${t.owner}"`;
      else if (owner.retired) why = `is owned by ${owner.name}, who is no longer active`;
      if (why === null) continue;
      out.push(
        makeGap(
          'VENDOR-OWNER-MISSING',
          important(t.criticality) ? 'high' : 'medium',
          subject('third-party', t.key, t.name),
          `Third party "${t.name}" (${t.kind}, ${t.criticality} criticality, ${t.aiSystems.length} AI systems) ${why}.`,
          `Appoint an active internal owner for "${t.name}" who manages the contract, due diligence and performance.`,
        ),
      );
    }
    return out;
  },
};

export const vendorContractMissing: RuleDefinition = {
  id: 'VENDOR-CONTRACT-MISSING',
  title: 'Third party without a current contract/SOW',
  defaultSeverity: 'medium',
  description: 'No contract, SOW or order form with start ≤ asOf and end null or ≥ asOf (NDAs and DPAs alone do not count).',
  severityNote: 'high for high/critical third parties',
  remediation: 'Execute or renew a contract/SOW with deliverables, SLA and confidentiality.',
  needs: ['thirdParties (contracts)'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    const asOf = ctx.c.asOf;
    for (const t of ctx.c.model.thirdParties) {
      if (t.retired) continue;
      const service = t.contracts.filter((c) => CONTRACT_KINDS.has(c.kind));
      if (service.some((c) => c.start <= asOf && (c.end === null || c.end >= asOf))) continue;
      const lastEnded = service.filter((c) => c.end !== null && c.end < asOf).sort((a, b) => ((a.end ?? '') < (b.end ?? '') ? 1 : -1))[0];
      const future = service.filter((c) => c.start > asOf).sort((a, b) => (a.start < b.start ? -1 : 1))[0];
      const why = lastEnded
        ? `its last contract (${lastEnded.reference}) ended on ${lastEnded.end}`
        : future
          ? `its contract ${future.reference} only starts on ${future.start}`
          : t.contracts.length > 0
            ? `it has only ${t.contracts.map((c) => c.kind.toUpperCase()).join(', ')} on file, no service contract or SOW`
            : 'no contract or SOW is on file';
      out.push(
        makeGap(
          'VENDOR-CONTRACT-MISSING',
          important(t.criticality) ? 'high' : 'medium',
          subject('third-party', t.key, t.name),
          `Third party "${t.name}" (${t.criticality} criticality) has no contract or SOW in force on ${asOf}: ${why}.`,
          `${lastEnded ? 'Renew' : 'Execute'} a contract or SOW with "${t.name}" covering deliverables, SLA and confidentiality, and record its reference and dates.`,
        ),
      );
    }
    return out;
  },
};

export const vendorDdOverdue: RuleDefinition = {
  id: 'VENDOR-DD-OVERDUE',
  title: 'Third-party due diligence overdue',
  defaultSeverity: 'medium',
  description: 'Due diligence nextDue is before asOf, or it was never done for a high/critical third party.',
  severityNote: 'high for high/critical third parties',
  remediation: 'Complete due diligence, record the result and the next due date.',
  needs: ['thirdParties (dueDiligence)'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    const asOf = ctx.c.asOf;
    for (const t of ctx.c.model.thirdParties) {
      if (t.retired) continue;
      const dd = t.dueDiligence;
      let why: string | null = null;
      if (dd.nextDue !== null && dd.nextDue < asOf)
        why = `was due on ${dd.nextDue} (${ctx.c.asOfDay - dayNumber(dd.nextDue)} days ago)${dd.last ? `; last done ${dd.last}` : ''}`;
      else if (dd.last === null && important(t.criticality)) why = 'has never been done';
      if (why === null) continue;
      out.push(
        makeGap(
          'VENDOR-DD-OVERDUE',
          important(t.criticality) ? 'high' : 'medium',
          subject('third-party', t.key, t.name),
          `Due diligence on "${t.name}" (${t.kind}, ${t.criticality} criticality) ${why}.`,
          `Complete due diligence on "${t.name}" (security, data handling, model/service quality), record the result and set the next due date.`,
        ),
      );
    }
    return out;
  },
};

export const accessReviewOverdue: RuleDefinition = {
  id: 'ACCESS-REVIEW-OVERDUE',
  title: 'Tool access review overdue',
  defaultSeverity: 'medium',
  description:
    'An access row whose last review (or grant, when never reviewed) is older than settings.accessReviewIntervalDays before asOf.',
  severityNote: 'high when an overdue row belongs to a retired or unknown person (a leaver may still have access)',
  remediation: 'Review the access list, remove what is not needed, record the review date.',
  needs: ['tools (access)', 'people', 'organization.settings.accessReviewIntervalDays'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    const interval = ctx.c.settings.accessReviewIntervalDays;
    const cutoff = ctx.c.asOfDay - interval;
    for (const t of ctx.c.model.tools) {
      if (t.retired) continue;
      const overdue = t.access.map((a) => ({ a, day: dayOf(a.lastReviewed ?? a.granted) })).filter((x) => x.day !== null && x.day < cutoff);
      if (overdue.length === 0) continue;
      const leavers = overdue.filter((x) => {
        const p = ctx.c.anyPerson.get(x.a.person);
        return !p || p.retired;
      });
      const oldest = Math.min(...overdue.map((x) => x.day ?? cutoff));
      const related: Subject[] = [...new Set(overdue.map((x) => x.a.person))]
        .sort()
        .slice(0, 20)
        .map((p) => personSubject(ctx, p));
      out.push(
        makeGap(
          'ACCESS-REVIEW-OVERDUE',
          leavers.length > 0 ? 'high' : 'medium',
          subject('tool', t.key, t.name),
          `"${t.name}": ${overdue.length} of ${t.access.length} access ${t.access.length === 1 ? 'row has' : 'rows have'} not been reviewed within ${interval} days (oldest since ${isoFromDay(oldest)})${
            leavers.length > 0
              ? `; ${leavers.length} belong to people who are no longer active (${listSome(
                  leavers.map((x) => personName(ctx, x.a.person)),
                  4,
                )})`
              : ''
          }.`,
          `Review the access list of "${t.name}"${leavers.length > 0 ? ', revoke access for people who have left' : ''}, and record today's review date on each row kept.`,
          related,
        ),
      );
    }
    return out;
  },
};

export const scopeUnapproved: RuleDefinition = {
  id: 'SCOPE-UNAPPROVED',
  title: 'Scope statement missing or unapproved',
  defaultSeverity: 'high',
  description: 'There is no scope statement version, or the latest version is not approved.',
  severityNote: 'always high: without an approved scope the determination has no agreed basis',
  remediation: 'Get the latest scope version approved by top management.',
  needs: ['scope'],
  operational: null,
  evaluate(ctx) {
    const versions = ctx.c.model.scope;
    if (versions.length === 0)
      return [
        makeGap(
          'SCOPE-UNAPPROVED',
          'high',
          subject('scope', 'scope', 'AIMS scope statement'),
          'There is no AIMS scope statement: the resources needed cannot be determined against an agreed scope.',
          'Write the scope statement (business units, products, geographies, AI roles, exclusions with justification) and have top management approve it.',
        ),
      ];
    const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    if (latest.approval !== null) return [];
    const approved = versions.filter((v) => v.approval !== null).sort((a, b) => b.version - a.version)[0];
    return [
      makeGap(
        'SCOPE-UNAPPROVED',
        'high',
        subject('scope', 'scope', `AIMS scope statement v${latest.version}`),
        `The latest scope statement (version ${latest.version}, created ${latest.createdAt.slice(0, 10)}) is not approved${approved ? `; the last approved version is ${approved.version}` : '; no version has ever been approved'}.`,
        `Have top management approve scope version ${latest.version} (or withdraw it) and record who approved it and when.`,
      ),
    ];
  },
};

export const scopeUnjustified: RuleDefinition = {
  id: 'SCOPE-UNJUSTIFIED',
  title: 'AI system excluded without justification',
  defaultSeverity: 'medium',
  description: 'An AI system (not retired) is outside the scope (inScope false) with an empty exclusionJustification.',
  severityNote: 'high for high/critical-risk or regulated-decisioning systems',
  remediation: 'Justify the exclusion in the scope statement, or bring the system into scope.',
  needs: ['aiSystems'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const s of ctx.c.model.aiSystems) {
      if (s.inScope || s.lifecycleStage === 'retired' || s.exclusionJustification.trim() !== '') continue;
      const high = s.riskTier === 'high' || s.riskTier === 'critical' || s.regulatedDecisioning;
      out.push(
        makeGap(
          'SCOPE-UNJUSTIFIED',
          high ? 'high' : 'medium',
          subject('ai-system', s.key, s.name),
          `AI system "${s.name}" (${s.riskTier} risk, ${s.lifecycleStage}${s.regulatedDecisioning ? ', regulated decisioning' : ''}) is outside the AIMS scope with no justification recorded.`,
          `Record why "${s.name}" is excluded (and add it to the scope statement's exclusions), or bring it into scope so its governance work is resourced.`,
        ),
      );
    }
    return out;
  },
};

export const resourceRules: readonly RuleDefinition[] = [
  toolAccessMissing,
  toolUnfunded,
  budgetUnapproved,
  budgetOverspent,
  vendorOwnerMissing,
  vendorContractMissing,
  vendorDdOverdue,
  accessReviewOverdue,
  scopeUnapproved,
  scopeUnjustified,
];
