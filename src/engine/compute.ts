// Builds the indexed, exact computation the rules, outputs, what-ifs and auditor answers share.
// Everything is keyed by entity key and built in single passes: O(model size).
import {
  aggregateCapacity,
  computeActivityCapacity,
  computePerson,
  contribution,
  type ActivityCapacity,
  type PersonCalc,
  type PersonRow,
} from './capacity.js';
import { dayNumber } from './dates.js';
import { aggregateTiers, applicableTiers, computeDemand, type DemandCalc, type TierAggregates } from './demand.js';
import type {
  Activity,
  AiSystem,
  Assignment,
  BudgetLine,
  Competence,
  ModelFile,
  OrgSettings,
  Person,
  RiskTier,
  ThirdParty,
  Tool,
} from './model-types.js';
import type { Period } from './period.js';
import { cmp } from './format.js';

export interface Exposure {
  /** Highest risk tier among in-scope systems the activity applies to. */
  maxTier: RiskTier | null;
  regulated: number;
  critical24x7: AiSystem[];
}

export interface ActivityCalc {
  activity: Activity;
  demand: DemandCalc;
  capacity: ActivityCapacity;
  utilization: number | null;
  exposure: Exposure;
  /** Needs after-hours cover: 24x7 coverage, or incident/monitoring work for critical 24x7 systems. */
  afterHoursRelevant: boolean;
  afterHoursCovered: boolean | null;
  /** A qualified, available person is flagged as backup. */
  backupCovered: boolean;
  /** Key reviewer work: independence or stop-launch authority. */
  key: boolean;
  tools: Tool[];
}

export interface Computation {
  model: ModelFile;
  settings: OrgSettings;
  period: Period;
  asOf: string;
  asOfDay: number;
  incidentFactor: number;
  activities: ActivityCalc[];
  activityByKey: Map<string, ActivityCalc>;
  /** Every activity including retired ones (for names). */
  anyActivity: Map<string, Activity>;
  people: PersonCalc[];
  personByKey: Map<string, PersonCalc>;
  /** Every person including retired ones (for names and leaver checks). */
  anyPerson: Map<string, Person>;
  competenceByKey: Map<string, Competence>;
  /** In-scope, non-retired systems. */
  systems: AiSystem[];
  systemByKey: Map<string, AiSystem>;
  tiers: TierAggregates;
  /** In-scope systems each person owns or builds. */
  systemsByPerson: Map<string, AiSystem[]>;
  toolByKey: Map<string, Tool>;
  budgetByKey: Map<string, BudgetLine>;
  thirdPartyByKey: Map<string, ThirdParty>;
  warnings: string[];
}

const TIER_RANK: Record<RiskTier, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const tierRank = (t: RiskTier): number => TIER_RANK[t];

const INCIDENT_OR_MONITORING = /monitor|incident/i;

/** Incident and monitoring work must follow a 24x7 system around the clock. */
export function isIncidentOrMonitoring(a: Activity): boolean {
  return a.trigger.kind === 'per-incident' || INCIDENT_OR_MONITORING.test(`${a.key} ${a.name}`);
}

const MAX_WARNINGS = 100;

export function compute(model: ModelFile, period: Period, asOf: string, incidentFactor = 1): Computation {
  const asOfDay = dayNumber(asOf, 'asOf');
  const settings = model.organization.settings;
  const warningsAll: string[] = [];
  const warn = (w: string): void => {
    warningsAll.push(w);
  };

  const competenceByKey = new Map(model.competences.map((c) => [c.key, c]));
  const anyActivity = new Map(model.activities.map((a) => [a.key, a]));
  const anyPerson = new Map(model.people.map((p) => [p.key, p]));
  const activeActivities = model.activities.filter((a) => !a.retired).sort((x, y) => cmp(x.key, y.key));
  const activePeople = model.people.filter((p) => !p.retired).sort((x, y) => cmp(x.key, y.key));

  const systemByKey = new Map<string, AiSystem>();
  const systems: AiSystem[] = [];
  const systemsByPerson = new Map<string, AiSystem[]>();
  for (const s of model.aiSystems) {
    systemByKey.set(s.key, s);
    if (!s.inScope || s.lifecycleStage === 'retired') continue;
    systems.push(s);
    const involved = new Set<string>(s.builders);
    if (s.owner !== null) involved.add(s.owner);
    for (const p of involved) {
      const list = systemsByPerson.get(p);
      if (list) list.push(s);
      else systemsByPerson.set(p, [s]);
    }
  }
  const tiers = aggregateTiers(systems, settings);

  // Group assignment rows by person, skipping retired or unknown entities.
  const rowsByPerson = new Map<string, Assignment[]>();
  for (const a of model.assignments) {
    const act = anyActivity.get(a.activity);
    const per = anyPerson.get(a.person);
    if (!act) warn(`assignment ${a.person} → ${a.activity}: unknown activity "${a.activity}"`);
    if (!per) warn(`assignment ${a.person} → ${a.activity}: unknown person "${a.person}"`);
    if (!act || !per || act.retired || per.retired) continue;
    const list = rowsByPerson.get(a.person);
    if (list) list.push(a);
    else rowsByPerson.set(a.person, [a]);
  }

  const people: PersonCalc[] = [];
  const personByKey = new Map<string, PersonCalc>();
  const rowsByActivity = new Map<string, Array<{ pc: PersonCalc; row: PersonRow }>>();
  for (const p of activePeople) {
    const pc = computePerson(p, rowsByPerson.get(p.key) ?? [], period, asOf);
    people.push(pc);
    personByKey.set(p.key, pc);
    for (const row of pc.rows) {
      const list = rowsByActivity.get(row.assignment.activity);
      if (list) list.push({ pc, row });
      else rowsByActivity.set(row.assignment.activity, [{ pc, row }]);
    }
  }

  const toolByKey = new Map(model.tools.map((t) => [t.key, t]));
  const toolsByActivity = new Map<string, Set<Tool>>();
  const addTool = (activity: string, t: Tool): void => {
    const set = toolsByActivity.get(activity);
    if (set) set.add(t);
    else toolsByActivity.set(activity, new Set([t]));
  };
  for (const t of model.tools) if (!t.retired) for (const a of t.activities) addTool(a, t);
  for (const a of activeActivities)
    for (const tk of a.tools) {
      const t = toolByKey.get(tk);
      if (!t) warn(`activity ${a.key}: requires unknown tool "${tk}"`);
      else if (!t.retired) addTool(a.key, t);
    }

  const competenceName = (k: string): string => competenceByKey.get(k)?.name ?? k;
  const activities: ActivityCalc[] = [];
  const activityByKey = new Map<string, ActivityCalc>();
  for (const a of activeActivities) {
    for (const req of a.competences)
      if (!competenceByKey.has(req.competence)) warn(`activity ${a.key}: requires unknown competence "${req.competence}"`);
    const demand = computeDemand(a, { period, tiers, incidentFactor });
    let maxTier: RiskTier | null = null;
    let regulated = 0;
    const critical24x7: AiSystem[] = [];
    for (const t of applicableTiers(a)) {
      const agg = tiers[t];
      if (agg.systems > 0 && (maxTier === null || TIER_RANK[t] > TIER_RANK[maxTier])) maxTier = t;
      regulated += agg.regulated;
      critical24x7.push(...agg.critical24x7);
    }
    const calc = withCapacity(
      {
        activity: a,
        demand,
        exposure: { maxTier, regulated, critical24x7: critical24x7.sort((x, y) => cmp(x.key, y.key)) },
        afterHoursRelevant: a.coverage === '24x7' || (isIncidentOrMonitoring(a) && critical24x7.length > 0),
        key: a.independence || a.stopLaunchAuthority,
        tools: [...(toolsByActivity.get(a.key) ?? [])].sort((x, y) => cmp(x.key, y.key)),
      },
      computeActivityCapacity(a, rowsByActivity.get(a.key) ?? [], period, competenceName),
    );
    activities.push(calc);
    activityByKey.set(a.key, calc);
  }

  const warnings =
    warningsAll.length > MAX_WARNINGS
      ? [...warningsAll.slice(0, MAX_WARNINGS), `… and ${warningsAll.length - MAX_WARNINGS} more warnings`]
      : warningsAll;

  return {
    model,
    settings,
    period,
    asOf,
    asOfDay,
    incidentFactor,
    activities,
    activityByKey,
    anyActivity,
    people,
    personByKey,
    anyPerson,
    competenceByKey,
    systems,
    systemByKey,
    tiers,
    systemsByPerson,
    toolByKey,
    budgetByKey: new Map(model.budgetLines.map((b) => [b.key, b])),
    thirdPartyByKey: new Map(model.thirdParties.map((t) => [t.key, t])),
    warnings,
  };
}

export { cmp };

type ActivityBase = Omit<ActivityCalc, 'capacity' | 'utilization' | 'afterHoursCovered' | 'backupCovered'>;

/** Adds capacity and everything derived from it to an activity's fixed part (demand, exposure). */
function withCapacity(base: ActivityBase, capacity: ActivityCapacity): ActivityCalc {
  return {
    ...base,
    capacity,
    utilization: capacity.hours > 0 ? base.demand.hours / capacity.hours : null,
    afterHoursCovered: base.afterHoursRelevant ? capacity.afterHoursPeople.length > 0 : null,
    backupCovered: capacity.qualifiedBackups.length > 0,
  };
}

/**
 * The computation narrowed to one person and the activities they have rows on, optionally with
 * that person replaced (e.g. absent all period). Activity-level rules run on it see exactly what
 * a full re-run would for those activities, at the cost of the person's rows only — used for
 * per-reviewer absence what-ifs in the auditor answers.
 */
export function scopeToPerson(c: Computation, personKey: string, replacement?: Person): Computation {
  const old = c.personByKey.get(personKey);
  if (!old) throw new Error(`scopeToPerson: no active person ${personKey}`);
  const pc = replacement
    ? computePerson(
        replacement,
        old.rows.map((r) => r.assignment),
        c.period,
        c.asOf,
      )
    : old;
  const keys = [...new Set(pc.rows.map((r) => r.assignment.activity))].sort(cmp);
  const competenceName = (k: string): string => c.competenceByKey.get(k)?.name ?? k;
  const activities: ActivityCalc[] = [];
  const activityByKey = new Map(c.activityByKey);
  for (const k of keys) {
    const ac = c.activityByKey.get(k);
    if (!ac) continue;
    let next = ac;
    if (replacement) {
      // Only this person's contributions change; everyone else's are reused as they are.
      const cons = ac.capacity.contributions.filter((con) => con.pc.person.key !== personKey);
      for (const row of pc.rows) if (row.assignment.activity === k) cons.push(contribution(ac.activity, pc, row, c.period, competenceName));
      next = withCapacity(ac, aggregateCapacity(cons));
      activityByKey.set(k, next);
    }
    activities.push(next);
  }
  const personByKey = replacement ? new Map(c.personByKey).set(personKey, pc) : c.personByKey;
  return { ...c, activities, activityByKey, people: [pc], personByKey };
}
