// One analysis pass: compute → rules → JSON result (without auditor answers, which may re-run
// this pass for what-ifs). Exact numbers stay in the Computation; the result is rounded.
import type { PersonCalc } from './capacity.js';
import { compute, cmp, type ActivityCalc, type Computation } from './compute.js';
import { dayNumber } from './dates.js';
import { h, listSome, num, pct, round2, round4 } from './format.js';
import { defaultPeriod, parsePeriod, type Period } from './period.js';
import { RULES } from './rules/index.js';
import {
  RULE_IDS,
  SEVERITIES,
  type ActivityResult,
  type AnalysisInput,
  type AnalysisResult,
  type CompetenceResult,
  type Gap,
  type OperationalField,
  type PeriodSummary,
  type PersonResult,
  type RuleNotEvaluated,
  type Totals,
} from './types.js';

export interface CoreOptions {
  incidentFactor?: number;
}

export interface CoreRun {
  c: Computation;
  result: AnalysisResult;
}

const OPERATIONAL_LABEL: Record<OperationalField, string> = {
  evidence: 'evidence records',
  workItems: 'work items',
  adequacyReviews: 'adequacy reviews',
  reassessmentTriggers: 'reassessment triggers',
};

export function resolvePeriod(input: Pick<AnalysisInput, 'period' | 'asOf'>): Period {
  dayNumber(input.asOf, 'asOf');
  return input.period === undefined ? defaultPeriod(input.asOf) : parsePeriod(input.period);
}

export function periodSummary(p: Period): PeriodSummary {
  return {
    label: p.label,
    kind: p.kind,
    start: p.start,
    end: p.end,
    days: p.days,
    weeks: round4(p.weeks),
    yearFraction: round4(p.yearFraction),
  };
}

const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Gap['severity'], number>;
const RULE_RANK = Object.fromEntries(RULE_IDS.map((r, i) => [r, i])) as Record<Gap['rule'], number>;

export function sortGaps(gaps: Gap[]): Gap[] {
  return gaps.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      RULE_RANK[a.rule] - RULE_RANK[b.rule] ||
      cmp(a.subject.kind, b.subject.kind) ||
      cmp(a.subject.id, b.subject.id) ||
      cmp(a.key, b.key),
  );
}

export function runCore(input: AnalysisInput, options: CoreOptions = {}): CoreRun {
  const period = resolvePeriod(input);
  const c = compute(input.model, period, input.asOf, options.incidentFactor ?? 1);
  const op = input.operational;
  const gaps: Gap[] = [];
  const rulesNotEvaluated: RuleNotEvaluated[] = [];
  for (const rule of RULES) {
    if (rule.operational !== null && (op === undefined || op[rule.operational] === undefined)) {
      rulesNotEvaluated.push({
        rule: rule.id,
        reason:
          op === undefined
            ? `needs operational data (${OPERATIONAL_LABEL[rule.operational]}); no operational inputs were given`
            : `needs operational.${rule.operational} (${OPERATIONAL_LABEL[rule.operational]}), which was not given`,
      });
      continue;
    }
    gaps.push(...rule.evaluate({ c, operational: op }));
  }
  sortGaps(gaps);
  return { c, result: buildResult(c, gaps, rulesNotEvaluated) };
}

function utilizationText(ac: ActivityCalc): string {
  if (ac.capacity.hours <= 0)
    return ac.demand.hours > 0
      ? `utilization: n/a — ${h(ac.demand.hours)} demand and no qualified capacity`
      : 'utilization: n/a — no demand and no capacity';
  return `utilization: ${h(ac.demand.hours)} demand ÷ ${h(ac.capacity.hours)} capacity = ${pct(ac.utilization)}`;
}

function activityResult(ac: ActivityCalc): ActivityResult {
  const a = ac.activity;
  const t = a.trigger;
  return {
    key: a.key,
    name: a.name,
    trigger: t.kind === 'periodic' ? `periodic every ${t.intervalDays ?? 0} days per ${t.per}` : t.kind,
    required: a.required,
    demandHours: round2(ac.demand.hours),
    capacityHours: round2(ac.capacity.hours),
    utilization: ac.utilization === null ? null : round4(ac.utilization),
    qualifiedPeople: ac.capacity.qualifiedPeople.length,
    qualifiedPeopleKeys: ac.capacity.qualifiedPeople,
    owners: ac.capacity.owners,
    performers: ac.capacity.performers,
    backups: ac.capacity.backups,
    backupCovered: ac.backupCovered,
    afterHoursCovered: ac.afterHoursCovered,
    rationale: {
      demand: ac.demand.text,
      capacity: ac.capacity.text,
      utilization: utilizationText(ac),
      terms: ac.demand.terms.map((x) => ({
        ...x,
        ratePerYear: x.ratePerYear === null ? null : round4(x.ratePerYear),
        occurrences: round4(x.occurrences),
        hoursPerOccurrence: round2(x.hoursPerOccurrence),
        hours: round2(x.hours),
      })),
      contributions: ac.capacity.contributions.map((con) => ({
        person: con.pc.person.key,
        name: con.pc.person.name,
        raci: con.row.assignment.raci,
        backup: con.row.assignment.backup,
        hoursPerWeek: round2(con.row.hoursPerWeek),
        hours: round2(con.row.hours),
        qualified: con.qualified,
        counted: con.counted,
        text: con.text,
      })),
    },
  };
}

function competenceResults(c: Computation): CompetenceResult[] {
  const info = new Map<string, { demand: number; capacity: number; activities: string[]; minLevel: number }>();
  for (const comp of c.model.competences)
    if (!comp.retired) info.set(comp.key, { demand: 0, capacity: 0, activities: [], minLevel: Infinity });
  for (const ac of c.activities)
    for (const req of ac.activity.competences) {
      let e = info.get(req.competence);
      if (!e) {
        e = { demand: 0, capacity: 0, activities: [], minLevel: Infinity };
        info.set(req.competence, e);
      }
      e.demand += ac.demand.hours;
      e.capacity += ac.capacity.hours;
      e.activities.push(ac.activity.key);
      e.minLevel = Math.min(e.minLevel, req.minLevel);
    }
  const holders = new Map<string, number>();
  for (const pc of c.people) {
    if (pc.availability.unavailable) continue;
    for (const [k, held] of pc.valid) {
      const e = info.get(k);
      if (e && held.level >= (Number.isFinite(e.minLevel) ? e.minLevel : 1)) holders.set(k, (holders.get(k) ?? 0) + 1);
    }
  }
  return [...info.entries()]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([key, e]) => {
      const name = c.competenceByKey.get(key)?.name ?? key;
      const n = holders.get(key) ?? 0;
      const level = Number.isFinite(e.minLevel) ? e.minLevel : 1;
      const u = e.capacity > 0 ? e.demand / e.capacity : null;
      const rationale =
        e.activities.length === 0
          ? `${name}: no active activity requires it; ${n} available ${n === 1 ? 'person holds' : 'people hold'} it with valid evidence`
          : `${name}: required by ${e.activities.length} ${e.activities.length === 1 ? 'activity' : 'activities'} (${listSome(e.activities, 6)}) with ${h(e.demand)} demand against ${h(e.capacity)} of qualified capacity (${pct(u)}); ${n} available ${n === 1 ? 'person holds' : 'people hold'} it at level ≥ ${level} with valid evidence`;
      return {
        key,
        name,
        demandHours: round2(e.demand),
        capacityHours: round2(e.capacity),
        utilization: u === null ? null : round4(u),
        qualifiedPeople: n,
        activities: e.activities,
        rationale,
      };
    });
}

function personRationale(pc: PersonCalc, c: Computation): string {
  const p = pc.person;
  const av = pc.availability;
  const d = av.absentWorkingDays;
  const base = av.unavailable
    ? `${p.name}: absent for all ${c.period.workingDays} working days of ${c.period.label}: 0 h available`
    : d > 0
      ? `${p.name}: ${num(p.aimsHoursPerWeek)} h/week × ${num(c.period.weeks)} weeks − ${d} absent working ${d === 1 ? 'day' : 'days'} × ${num(p.aimsHoursPerWeek / 5)} h = ${h(av.availableHours)} available`
      : `${p.name}: ${num(p.aimsHoursPerWeek)} h/week × ${num(c.period.weeks)} weeks = ${h(av.availableHours)} available`;
  const rows = pc.rows
    .filter((r) => r.hours > 0)
    .sort((a, b) => b.hours - a.hours || cmp(a.assignment.activity, b.assignment.activity) || cmp(a.assignment.raci, b.assignment.raci));
  if (rows.length === 0) return `${base}; nothing allocated to activities`;
  const parts = rows
    .slice(0, 8)
    .map(
      (r) =>
        `${r.assignment.activity} ${num(r.hoursPerWeek)} h/week (${r.explicit ? 'explicit' : 'split'}${r.assignment.raci !== 'R' ? `, ${r.assignment.raci}` : ''})`,
    );
  const more = rows.length > 8 ? ` and ${rows.length - 8} more` : '';
  const scaled =
    pc.explicitScale < 1
      ? `; explicit hours (${num(pc.explicitTotal)} h/week) exceed ${num(p.aimsHoursPerWeek)} h/week and were scaled by ${pct(pc.explicitScale)}`
      : '';
  return `${base}; allocated ${h(pc.allocatedHours)}: ${parts.join(', ')}${more}${scaled}`;
}

function buildResult(c: Computation, gaps: Gap[], rulesNotEvaluated: RuleNotEvaluated[]): AnalysisResult {
  const activities = c.activities.map(activityResult);
  // Each person's share of the demand of the activities they perform, by capacity share.
  const share = new Map<string, number>();
  for (const ac of c.activities) {
    if (ac.capacity.hours <= 0) continue;
    for (const con of ac.capacity.contributions)
      if (con.counted)
        share.set(con.pc.person.key, (share.get(con.pc.person.key) ?? 0) + (ac.demand.hours * con.row.hours) / ac.capacity.hours);
  }
  const people: PersonResult[] = c.people.map((pc) => ({
    key: pc.person.key,
    name: pc.person.name,
    aimsHoursPerWeek: pc.person.aimsHoursPerWeek,
    absentWorkingDays: pc.availability.absentWorkingDays,
    unavailable: pc.availability.unavailable,
    availableHours: round2(pc.availability.availableHours),
    allocatedHours: round2(pc.allocatedHours),
    utilization: pc.availability.availableHours > 0 ? round4(pc.allocatedHours / pc.availability.availableHours) : null,
    demandShareHours: round2(share.get(pc.person.key) ?? 0),
    assignments: pc.rows
      .map((r) => ({
        activity: r.assignment.activity,
        raci: r.assignment.raci,
        backup: r.assignment.backup,
        hoursPerWeek: round2(r.hoursPerWeek),
        hours: round2(r.hours),
        counted: r.countable && r.hours > 0,
      }))
      .sort((a, b) => cmp(a.activity, b.activity) || cmp(a.raci, b.raci) || Number(a.backup) - Number(b.backup)),
    rationale: personRationale(pc, c),
  }));
  return {
    period: periodSummary(c.period),
    asOf: c.asOf,
    activities,
    competences: competenceResults(c),
    people,
    gaps,
    totals: totals(c, gaps),
    rulesNotEvaluated,
    auditorAnswers: null,
    warnings: c.warnings,
  };
}

function totals(c: Computation, gaps: Gap[]): Totals {
  let demand = 0;
  let capacity = 0;
  for (const ac of c.activities) {
    demand += ac.demand.hours;
    capacity += ac.capacity.hours;
  }
  let available = 0;
  let allocated = 0;
  for (const pc of c.people) {
    available += pc.availability.availableHours;
    allocated += pc.allocatedHours;
  }
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const g of gaps) bySeverity[g.severity]++;
  return {
    demandHours: round2(demand),
    capacityHours: round2(capacity),
    utilization: capacity > 0 ? round4(demand / capacity) : null,
    availableHours: round2(available),
    allocatedHours: round2(allocated),
    activities: c.activities.length,
    people: c.people.length,
    inScopeSystems: c.systems.length,
    systemsByTier: {
      low: c.tiers.low.systems,
      medium: c.tiers.medium.systems,
      high: c.tiers.high.systems,
      critical: c.tiers.critical.systems,
    },
    gaps: gaps.length,
    gapsBySeverity: bySeverity,
  };
}
