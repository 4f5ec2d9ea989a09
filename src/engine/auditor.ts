// Answers to the auditor's questions, as structured data drawn from the analysis.
import { RISK_TIERS } from '../model/schema.js';
import { describeMissing, missingCompetences, type PersonCalc } from './capacity.js';
import { cmp, scopeToPerson, type ActivityCalc, type Computation } from './compute.js';
import { sortGaps } from './core.js';
import { activityRules } from './rules/activity.js';
import { dayNumber } from './dates.js';
import { fraction, num, round2, round4 } from './format.js';
import { RULES } from './rules/index.js';
import type {
  AnalysisInput,
  AnalysisResult,
  AuditorAnswers,
  Q1Answer,
  Q2Answer,
  Q2CompetenceCheck,
  Q3Answer,
  Q4Answer,
  Q5Answer,
} from './types.js';
import { absentAllPeriod, diffGaps } from './whatif.js';

export const QUESTIONS = {
  q1: 'How did you decide what resources you need?',
  q2: 'Show that the people assigned have the competence and the authority to stop a launch.',
  q3: 'Where do you track AIMS workload and backlogs?',
  q4: 'What happens if a key reviewer is out? Who is trained as backup?',
  q5: 'Which third parties are essential to your AIMS, and how are they managed?',
} as const;

function q1(c: Computation, r: AnalysisResult): Q1Answer {
  const s = c.settings;
  const p = c.period;
  return {
    question: QUESTIONS.q1,
    method: [
      `Scope: ${c.systems.length} in-scope, non-retired AI systems from the inventory (${c.model.aiSystems.length - c.systems.length} excluded or retired), grouped by risk tier.`,
      `Activity catalog: ${c.activities.length} active activities, each with a trigger (per new system, per major change, per incident, periodic, continuous) and effort hours by risk tier.`,
      `Demand per activity for ${p.label} (${p.start} to ${p.end}): occurrences its trigger produces over the systems it applies to × effort. Annual rates (major changes, incidents) × ${fraction(p.yearFraction)} year; periodic work × ${num(p.planningDays)} days ÷ interval; continuous work × ${num(p.weeks)} weeks.`,
      `Incident rates: each system's expected incidents per year, or the organization default for its tier (${RISK_TIERS.map((t) => `${t} ${s.incidentsPerYearByTier[t]}`).join(', ')}).`,
      'Capacity per activity: hours per week that qualified people (holding every required competence at the minimum level, with valid evidence) have allocated to it, × weeks, minus absences (Mon–Fri days).',
      `Gaps: utilization over ${Math.round(s.utilizationThreshold * 100)}% is capacity at risk, over 100% a shortfall; ${r.totals.gaps} gaps were found by ${RULES.length - r.rulesNotEvaluated.length} rules.`,
    ],
    inputs: {
      period: r.period,
      inScopeSystems: c.systems.length,
      excludedSystems: c.model.aiSystems.filter((x) => !x.inScope && x.lifecycleStage !== 'retired').length,
      byTier: [...RISK_TIERS].reverse().map((t) => {
        const a = c.tiers[t];
        return {
          tier: t,
          systems: a.systems,
          newInPeriod: a.newInPeriod,
          majorChangesPerYear: round4(a.majorChangesPerYear),
          incidentsPerYear: round4(a.incidentsPerYear),
          regulated: a.regulated,
          critical24x7: a.critical24x7.length,
        };
      }),
      activities: c.activities.length,
      people: c.people.length,
      settings: { utilizationThreshold: s.utilizationThreshold, incidentsPerYearByTier: { ...s.incidentsPerYearByTier } },
    },
    demand: r.activities.map((a) => ({
      activity: a.key,
      name: a.name,
      trigger: a.trigger,
      demandHours: a.demandHours,
      rationale: a.rationale.demand,
    })),
    totals: { demandHours: r.totals.demandHours, capacityHours: r.totals.capacityHours, utilization: r.totals.utilization },
  };
}

function competenceCheck(c: Computation, pc: PersonCalc, competence: string, minLevel: number): Q2CompetenceCheck {
  const name = c.competenceByKey.get(competence)?.name ?? competence;
  const held = pc.valid.get(competence) ?? pc.best.get(competence);
  if (!held)
    return {
      competence,
      name,
      requiredLevel: minLevel,
      heldLevel: null,
      meets: false,
      basis: null,
      evidence: null,
      validUntil: null,
      validity: 'not-held',
    };
  const expired = held.validUntil !== null && held.validUntil < c.asOf;
  const soon = !expired && held.validUntil !== null && dayNumber(held.validUntil) - c.asOfDay <= c.settings.expiryWarningDays;
  return {
    competence,
    name,
    requiredLevel: minLevel,
    heldLevel: held.level,
    meets: !expired && held.level >= minLevel,
    basis: held.basis,
    evidence: held.evidence === '' ? null : held.evidence,
    validUntil: held.validUntil,
    validity: expired ? 'expired' : soon ? 'expiring-soon' : 'valid',
  };
}

function q2(c: Computation): Q2Answer {
  const activities: Q2Answer['activities'] = [];
  for (const ac of c.activities) {
    const a = ac.activity;
    if (a.competences.length === 0 && !a.stopLaunchAuthority) continue;
    const people = ac.capacity.contributions
      .filter((con) => con.row.assignment.raci === 'R' || con.row.assignment.raci === 'A' || con.row.assignment.backup)
      .map((con) => ({
        person: con.pc.person.key,
        name: con.pc.person.name,
        raci: con.row.assignment.raci,
        backup: con.row.assignment.backup,
        qualified: con.qualified,
        holdsStopLaunch: con.pc.person.authorities.includes('stop-launch'),
        competences: a.competences.map((req) => competenceCheck(c, con.pc, req.competence, req.minLevel)),
      }))
      .sort((x, y) => cmp(x.raci, y.raci) || Number(x.backup) - Number(y.backup) || cmp(x.person, y.person));
    const holders = people.filter((p) => p.raci === 'A' && p.holdsStopLaunch);
    activities.push({
      activity: a.key,
      name: a.name,
      requiredCompetences: a.competences.map((req) => ({
        competence: req.competence,
        name: c.competenceByKey.get(req.competence)?.name ?? req.competence,
        minLevel: req.minLevel,
      })),
      stopLaunchAuthority: a.stopLaunchAuthority,
      people,
      stopLaunchHolders: holders.map((p) => ({ person: p.person, name: p.name })),
      authorityOk: a.stopLaunchAuthority ? holders.length > 0 : null,
    });
  }
  return { question: QUESTIONS.q2, activities };
}

function q3(c: Computation, input: AnalysisInput): Q3Answer {
  const items = input.operational?.workItems;
  if (items === undefined)
    return {
      question: QUESTIONS.q3,
      evaluated: false,
      reason: 'no work items were given (operational.workItems); demand and capacity above show the planned workload',
      activities: [],
    };
  const by = new Map<string, { open: number; overdue: number; done: number; oldest: string | null }>();
  for (const w of items) {
    let e = by.get(w.activity);
    if (!e) {
      e = { open: 0, overdue: 0, done: 0, oldest: null };
      by.set(w.activity, e);
    }
    if (w.status === 'done') e.done++;
    else if (w.status === 'open' || w.status === 'in-progress') {
      e.open++;
      const due = w.dueDate.slice(0, 10);
      if (due < c.asOf) {
        e.overdue++;
        if (e.oldest === null || due < e.oldest) e.oldest = due;
      }
    }
  }
  return {
    question: QUESTIONS.q3,
    evaluated: true,
    reason: null,
    activities: [...by.entries()]
      .sort((a, b) => cmp(a[0], b[0]))
      .map(([k, e]) => ({
        activity: k,
        name: c.anyActivity.get(k)?.name ?? k,
        open: e.open,
        overdue: e.overdue,
        done: e.done,
        oldestOverdueDue: e.oldest,
      })),
  };
}

// Absence changes hours, cover and sign-off, never what anyone holds: competence gaps cannot move.
const MAX_BACKUPS = 10;
const availabilityRules = activityRules.filter((r) => r.id !== 'COMPETENCE-GAP');

function q4(c: Computation, input: AnalysisInput, limit: number): Q4Answer {
  const sole = new Map<string, ActivityCalc[]>();
  const keyActs = new Map<string, ActivityCalc[]>();
  const push = (m: Map<string, ActivityCalc[]>, k: string, ac: ActivityCalc): void => {
    const l = m.get(k);
    if (l) {
      if (!l.includes(ac)) l.push(ac);
    } else m.set(k, [ac]);
  };
  for (const ac of c.activities) {
    if (ac.demand.hours > 0 && ac.capacity.qualifiedPeople.length === 1) push(sole, ac.capacity.qualifiedPeople[0] ?? '', ac);
    if (ac.key) {
      for (const p of ac.capacity.qualifiedPerformers) push(keyActs, p, ac);
      if (ac.activity.stopLaunchAuthority)
        for (const p of ac.capacity.owners) if (c.personByKey.get(p)?.person.authorities.includes('stop-launch')) push(keyActs, p, ac);
    }
  }
  // Most exposed first: sole qualified for more work, then thinnest cover on key work.
  const thinnest = (k: string): number => Math.min(Infinity, ...(keyActs.get(k) ?? []).map((ac) => ac.capacity.qualifiedPeople.length));
  const reviewers = [...new Set([...sole.keys(), ...keyActs.keys()])]
    .filter((k) => c.personByKey.has(k))
    .sort(
      (a, b) =>
        (sole.get(b)?.length ?? 0) - (sole.get(a)?.length ?? 0) ||
        thinnest(a) - thinnest(b) ||
        (keyActs.get(b)?.length ?? 0) - (keyActs.get(a)?.length ?? 0) ||
        cmp(a, b),
    );
  const keyReviewers = reviewers.slice(0, limit).map((k): Q4Answer['keyReviewers'][number] => {
    const pc = c.personByKey.get(k);
    const soleFor = (sole.get(k) ?? []).sort((a, b) => cmp(a.activity.key, b.activity.key));
    const keyFor = (keyActs.get(k) ?? []).sort((a, b) => cmp(a.activity.key, b.activity.key));
    const involved = [...new Set([...soleFor, ...keyFor])].sort((a, b) => cmp(a.activity.key, b.activity.key));
    const backups = involved.map((ac) => {
      const all = ac.capacity.contributions
        .filter((con) => con.row.assignment.backup && con.pc.person.key !== k)
        .map((con) => ({
          person: con.pc.person.key,
          name: con.pc.person.name,
          trained: con.qualified && !con.pc.availability.unavailable,
          missing: missingCompetences(con.pc, ac.activity).map((m) => describeMissing(m, (x) => c.competenceByKey.get(x)?.name ?? x)),
        }))
        // Trained backups first; long lists are cut (the count stays).
        .sort((x, y) => Number(y.trained) - Number(x.trained) || cmp(x.person, y.person));
      return {
        activity: ac.activity.key,
        total: all.length,
        trained: all.filter((b) => b.trained).length,
        backups: all.slice(0, MAX_BACKUPS),
      };
    });
    let ifAbsent: Q4Answer['keyReviewers'][number]['ifAbsent'] = { evaluated: false, gapsAppeared: [], activities: [] };
    if (pc && !pc.availability.unavailable) {
      // Only this person's activities and activity-level rules can change when they are out,
      // so compare those in a narrowed computation instead of re-running the whole model.
      const before = scopeToPerson(c, k);
      const after = scopeToPerson(c, k, absentAllPeriod(pc.person, c.period));
      const evalAll = (x: Computation) => availabilityRules.flatMap((rule) => rule.evaluate({ c: x, operational: input.operational }));
      const diff = diffGaps(evalAll(before), sortGaps(evalAll(after)));
      ifAbsent = {
        evaluated: true,
        gapsAppeared: diff.gapsAppeared.map((g) => ({
          key: g.key,
          rule: g.rule,
          severity: g.severity,
          subject: g.subject,
          explanation: g.explanation,
        })),
        activities: after.activities
          .map((a2) => {
            const b = c.activityByKey.get(a2.activity.key);
            return {
              activity: a2.activity.key,
              capacityBefore: round2(b?.capacity.hours ?? 0),
              capacityAfter: round2(a2.capacity.hours),
              utilizationBefore: b?.utilization == null ? null : round4(b.utilization),
              utilizationAfter: a2.utilization === null ? null : round4(a2.utilization),
            };
          })
          .filter((x) => x.capacityBefore !== x.capacityAfter || x.utilizationBefore !== x.utilizationAfter),
      };
    }
    return {
      person: k,
      name: pc?.person.name ?? k,
      soleQualifiedFor: soleFor.map((ac) => ({ activity: ac.activity.key, name: ac.activity.name })),
      keyActivities: keyFor.map((ac) => ({ activity: ac.activity.key, name: ac.activity.name })),
      backups,
      ifAbsent,
    };
  });
  return { question: QUESTIONS.q4, keyReviewers, omitted: reviewers.slice(limit) };
}

function q5(c: Computation, r: AnalysisResult): Q5Answer {
  const gapsBy = new Map<string, string[]>();
  for (const g of r.gaps) if (g.subject.kind === 'third-party') gapsBy.set(g.subject.id, [...(gapsBy.get(g.subject.id) ?? []), g.rule]);
  const inScope = new Set(c.systems.map((s) => s.key));
  return {
    question: QUESTIONS.q5,
    thirdParties: c.model.thirdParties
      .filter((t) => !t.retired)
      .sort((a, b) => cmp(a.key, b.key))
      .map((t) => {
        const current = t.contracts.find(
          (x) => x.start <= c.asOf && (x.end === null || x.end >= c.asOf) && x.kind !== 'nda' && x.kind !== 'dpa',
        );
        const systems = t.aiSystems.filter((s) => inScope.has(s));
        const acts = t.activities.filter((a) => c.activityByKey.has(a));
        return {
          key: t.key,
          name: t.name,
          kind: t.kind,
          criticality: t.criticality,
          essential: t.criticality === 'high' || t.criticality === 'critical' || systems.length > 0 || acts.length > 0,
          owner: t.owner,
          currentContract: current ? current.reference : null,
          dueDiligence: { ...t.dueDiligence },
          aiSystems: systems,
          activities: acts,
          gaps: gapsBy.get(t.key) ?? [],
        };
      }),
  };
}

export function auditorAnswers(c: Computation, r: AnalysisResult, input: AnalysisInput): AuditorAnswers {
  const limit = input.options?.keyReviewerLimit ?? 25;
  return { q1: q1(c, r), q2: q2(c), q3: q3(c, input), q4: q4(c, input, limit), q5: q5(c, r) };
}
