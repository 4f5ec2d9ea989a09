// Small model builder for engine tests. Every model goes through modelFileSchema, so defaults and
// validation are exactly what real model files get.
import { MODEL_FORMAT, RISK_TIERS, TRIGGER_KINDS, modelFileSchema, type ModelFile, type ModelFileInput } from '../model/schema.js';
import { analyze } from './analyze.js';
import type { AnalysisResult, Gap, OperationalInputs, RuleId } from './types.js';

type In<K extends keyof ModelFileInput> = NonNullable<ModelFileInput[K]>;
export type ActivityIn = In<'activities'>[number];
export type PersonIn = In<'people'>[number];
export type SystemIn = In<'aiSystems'>[number];
export type AssignmentIn = In<'assignments'>[number];
export type ToolIn = In<'tools'>[number];
export type BudgetIn = In<'budgetLines'>[number];
export type ThirdPartyIn = In<'thirdParties'>[number];

/** A model under construction: every collection present, so tests can push and edit freely. */
export interface Draft {
  format: typeof MODEL_FORMAT;
  organization: { name: string; settings?: NonNullable<NonNullable<ModelFileInput['organization']>['settings']> };
  scope: In<'scope'>;
  competences: In<'competences'>;
  activities: ActivityIn[];
  aiSystems: SystemIn[];
  people: PersonIn[];
  assignments: AssignmentIn[];
  tools: ToolIn[];
  budgetLines: BudgetIn[];
  thirdParties: ThirdPartyIn[];
}

export const AS_OF = '2027-01-15';
export const PERIOD = '2027Q1';

export function activity(key: string, o: Partial<ActivityIn> = {}): ActivityIn {
  return {
    key,
    name: o.name ?? key.replace(/-/g, ' '),
    trigger: { kind: 'per-major-change' },
    effortHours: { low: 2, medium: 4, high: 10, critical: 20 },
    competences: [{ competence: 'risk', minLevel: 2 }],
    ...o,
  };
}

export function person(key: string, o: Partial<PersonIn> = {}): PersonIn {
  return {
    key,
    name: o.name ?? key.charAt(0).toUpperCase() + key.slice(1),
    aimsHoursPerWeek: 10,
    competences: [{ competence: 'risk', level: 3, basis: 'training' }],
    ...o,
  };
}

export function system(key: string, o: Partial<SystemIn> = {}): SystemIn {
  return { key, name: o.name ?? key, aiRole: 'deployer', riskTier: 'high', lifecycleStage: 'deployed', ...o };
}

export function assign(activity: string, person: string, raci: AssignmentIn['raci'] = 'R', o: Partial<AssignmentIn> = {}): AssignmentIn {
  return { activity, person, raci, ...o };
}

/**
 * A healthy baseline with no gaps: one high-risk system, one activity ("review") with an
 * accountable owner (alice, who also performs it) and a trained backup with hours (bob).
 */
export function baseDraft(): Draft {
  return {
    format: MODEL_FORMAT,
    organization: { name: 'Test Org' },
    scope: [
      {
        version: 1,
        createdAt: '2026-12-01T10:00:00Z',
        approval: { by: 'CEO', at: '2026-12-02T10:00:00Z' },
      },
    ],
    competences: [
      { key: 'risk', name: 'Risk assessment' },
      { key: 'ml', name: 'ML evaluation' },
    ],
    activities: [activity('review')],
    aiSystems: [system('s1')],
    people: [person('alice', { authorities: ['stop-launch'], afterHours: true }), person('bob', { afterHours: true })],
    assignments: [
      assign('review', 'alice', 'A'),
      assign('review', 'alice', 'R', { hoursPerWeek: 4 }),
      assign('review', 'bob', 'R', { backup: true, hoursPerWeek: 2 }),
    ],
    tools: [],
    budgetLines: [],
    thirdParties: [],
  };
}

export function parseModel(d: Draft): ModelFile {
  return modelFileSchema.parse(d);
}

/** Builds a model from the baseline, letting a test change it first. */
export function build(change?: (d: Draft) => void): ModelFile {
  const d = baseDraft();
  change?.(d);
  return parseModel(d);
}

export function run(model: ModelFile, operational?: OperationalInputs): AnalysisResult {
  return analyze({ model, period: PERIOD, asOf: AS_OF, operational, options: { auditor: false } });
}

export function gapsFor(r: AnalysisResult, rule: RuleId): Gap[] {
  return r.gaps.filter((g) => g.rule === rule);
}

/** Finds an element by key or throws (keeps tests free of non-null assertions). */
export function byKey<T extends { key: string }>(list: readonly T[], key: string): T {
  const x = list.find((e) => e.key === key);
  if (!x) throw new Error(`no element with key ${key}`);
  return x;
}

/** Complete operational inputs with nothing wrong in them for the baseline model. */
export function cleanOperational(): OperationalInputs {
  return {
    evidence: [],
    workItems: [],
    adequacyReviews: [{ id: 'rev-1', kind: 'periodic', signedOffAt: '2027-01-05T12:00:00Z', periodLabel: '2026Q4' }],
    reassessmentTriggers: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Enterprise size: 5,000 AI systems, 2,000 people, 60 activities, 50,000 assignments.

export const N_SYSTEMS = 5_000;
export const N_PEOPLE = 2_000;
export const N_ACTIVITIES = 60;
const PER_PERSON = 25; // × 2,000 = 50,000 assignments
const COMPETENCES = Array.from({ length: 12 }, (_, i) => `comp-${i}`);

/** Enterprise-size model built in memory (size test and benchmarks). */
export function enterpriseModel(): ModelFile {
  const activities: ActivityIn[] = Array.from({ length: N_ACTIVITIES }, (_, i) => {
    const kind = TRIGGER_KINDS[i % TRIGGER_KINDS.length] ?? 'continuous';
    return {
      key: `act-${String(i).padStart(2, '0')}`,
      name: `Activity ${i}`,
      trigger:
        kind === 'periodic'
          ? { kind, intervalDays: 30 + (i % 4) * 30, per: i % 10 === 3 ? 'organization' : 'system' }
          : kind === 'continuous'
            ? { kind, hoursPerWeek: 4 + (i % 5) }
            : { kind },
      effortHours: { low: 0.1, medium: 0.2, high: 0.5, critical: 1 },
      flatEffortHours: i % 10 === 3 ? 20 : undefined,
      appliesToTiers: i % 6 === 0 ? ['high', 'critical'] : [],
      competences: [{ competence: COMPETENCES[i % 12] ?? 'comp-0', minLevel: 1 + (i % 3) }],
      independence: i % 5 === 0,
      stopLaunchAuthority: i % 10 === 0,
      coverage: i % 15 === 0 ? '24x7' : 'business-hours',
      tools: [`tool-${i % 10}`],
      evidenceTypes: ['review-approval-record'],
    };
  });
  const people: PersonIn[] = Array.from({ length: N_PEOPLE }, (_, p) => ({
    key: `p-${p}`,
    name: `Person ${p}`,
    aimsHoursPerWeek: 4 + (p % 5) * 2,
    competences: [0, 1, 2].map((j) => ({
      competence: COMPETENCES[(p + j * 5) % 12] ?? 'comp-0',
      level: 1 + ((p + j) % 4),
      basis: 'training' as const,
      validUntil: p % 13 === 0 && j === 0 ? '2026-12-31' : null,
    })),
    absences: p % 10 === 0 ? [{ from: '2027-02-01', to: '2027-02-05' }] : [],
    authorities: p % 50 === 0 ? ['stop-launch' as const] : [],
    afterHours: p % 7 === 0,
  }));
  const assignments: AssignmentIn[] = [];
  for (let p = 0; p < N_PEOPLE; p++)
    for (let j = 0; j < PER_PERSON; j++) {
      const a = `act-${String((p + j) % N_ACTIVITIES).padStart(2, '0')}`;
      const raci = j === 0 ? 'A' : j <= 20 ? 'R' : j <= 22 ? 'R' : j === 23 ? 'C' : 'I';
      assignments.push({ activity: a, person: `p-${p}`, raci, backup: j === 21 || j === 22, hoursPerWeek: j === 1 ? 1 : null });
    }
  const aiSystems: SystemIn[] = Array.from({ length: N_SYSTEMS }, (_, i) => {
    const out = i % 100 === 99;
    return {
      key: `sys-${i}`,
      name: `System ${i}`,
      aiRole: 'deployer',
      riskTier: RISK_TIERS[i % 4] ?? 'low',
      lifecycleStage: i % 250 === 0 ? 'retired' : 'deployed',
      owner: `p-${i % N_PEOPLE}`,
      builders: [`p-${(i * 7) % N_PEOPLE}`],
      critical24x7: i % 50 === 0,
      regulatedDecisioning: i % 20 === 0,
      newInPeriod: i % 40 === 0,
      majorChangesPerYear: 1 + (i % 3),
      incidentsPerYear: i % 3 === 0 ? null : 0.5,
      inScope: !out,
      exclusionJustification: out ? 'batch analytics outside the AIMS boundary' : '',
    };
  });
  return modelFileSchema.parse({
    format: MODEL_FORMAT,
    organization: { name: 'Enterprise' },
    scope: [{ version: 1, createdAt: '2026-12-01T00:00:00Z', approval: { by: 'Board', at: '2026-12-02T00:00:00Z' } }],
    competences: COMPETENCES.map((k) => ({ key: k, name: k })),
    activities,
    aiSystems,
    people,
    assignments,
    tools: Array.from({ length: 10 }, (_, t) => ({
      key: `tool-${t}`,
      name: `Tool ${t}`,
      category: 'workflow',
      free: t % 2 === 0,
      budgetLine: t % 2 === 0 ? null : 'bl-tools',
      seats: 1_500,
      access: Array.from({ length: 1_200 }, (_, k) => ({ person: `p-${(k * 3 + t) % N_PEOPLE}`, granted: '2026-11-01' })),
    })),
    budgetLines: [
      {
        key: 'bl-tools',
        name: 'Tools',
        amountMinor: 50_000_000,
        currency: 'EUR',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        category: 'tools',
        approval: { by: 'CFO', at: '2026-12-01', evidence: 'm-1' },
      },
    ],
    thirdParties: Array.from({ length: 50 }, (_, t) => ({
      key: `tp-${t}`,
      name: `Vendor ${t}`,
      kind: 'model-provider',
      criticality: t % 4 === 0 ? 'critical' : 'medium',
      owner: t % 9 === 0 ? null : `p-${t}`,
      contracts: [{ reference: `C-${t}`, start: '2026-01-01' }],
    })),
  });
}
