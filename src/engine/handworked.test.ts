// A small model whose demand and capacity are worked out by hand below, then matched exactly.
import { describe, expect, it } from 'vitest';
import { MODEL_FORMAT, modelFileSchema } from '../model/schema.js';
import { analyze } from './index.js';
import type { ActivityResult, AnalysisResult } from './types.js';

const model = modelFileSchema.parse({
  format: MODEL_FORMAT,
  organization: { name: 'Hand-worked Ltd' }, // default incidents/year: low .25, medium .5, high 1, critical 2
  scope: [{ version: 1, createdAt: '2026-12-01T00:00:00Z', approval: { by: 'Board', at: '2026-12-02T00:00:00Z' } }],
  competences: [
    { key: 'risk', name: 'Risk assessment' },
    { key: 'ml', name: 'ML evaluation' },
    { key: 'ops', name: 'Incident handling' },
  ],
  aiSystems: [
    { key: 'h1', name: 'H1', aiRole: 'deployer', riskTier: 'high', lifecycleStage: 'deployed', majorChangesPerYear: 2, newInPeriod: true },
    {
      key: 'h2',
      name: 'H2',
      aiRole: 'deployer',
      riskTier: 'high',
      lifecycleStage: 'deployed',
      majorChangesPerYear: 2,
      incidentsPerYear: 3,
    },
    { key: 'm1', name: 'M1', aiRole: 'deployer', riskTier: 'medium', lifecycleStage: 'intake', majorChangesPerYear: 1, newInPeriod: true },
    { key: 'm2', name: 'M2', aiRole: 'deployer', riskTier: 'medium', lifecycleStage: 'deployed', majorChangesPerYear: 1 },
    {
      key: 'c1',
      name: 'C1',
      aiRole: 'provider',
      riskTier: 'critical',
      lifecycleStage: 'deployed',
      majorChangesPerYear: 4,
      critical24x7: true,
    },
    // Not counted: retired, and out of scope.
    { key: 'l1', name: 'L1', aiRole: 'user', riskTier: 'low', lifecycleStage: 'retired', newInPeriod: true },
    {
      key: 'x1',
      name: 'X1',
      aiRole: 'user',
      riskTier: 'high',
      lifecycleStage: 'deployed',
      inScope: false,
      exclusionJustification: 'vendor-hosted sandbox',
    },
  ],
  activities: [
    { key: 'intake', name: 'intake', trigger: { kind: 'per-new-system' }, effortHours: { low: 1, medium: 3, high: 6, critical: 10 } },
    {
      key: 'predeploy',
      name: 'pre-deployment review',
      trigger: { kind: 'per-major-change' },
      effortHours: { low: 0, medium: 0, high: 16, critical: 24 },
      appliesToTiers: ['high', 'critical'],
      competences: [{ competence: 'risk', minLevel: 3 }],
      stopLaunchAuthority: true,
    },
    {
      key: 'incident',
      name: 'incident response',
      trigger: { kind: 'per-incident' },
      effortHours: { low: 2, medium: 4, high: 8, critical: 12 },
      competences: [{ competence: 'ops', minLevel: 2 }],
    },
    {
      key: 'monitoring',
      name: 'monitoring',
      trigger: { kind: 'periodic', intervalDays: 73 },
      effortHours: { low: 0, medium: 0.5, high: 1, critical: 2 },
      competences: [{ competence: 'ml', minLevel: 2 }],
    },
    {
      key: 'adequacy',
      name: 'adequacy review',
      trigger: { kind: 'periodic', intervalDays: 365, per: 'organization' },
      flatEffortHours: 40,
    },
    { key: 'training', name: 'training', trigger: { kind: 'continuous', hoursPerWeek: 1.5 } },
  ],
  people: [
    {
      key: 'dana',
      name: 'Dana Ortiz',
      aimsHoursPerWeek: 6,
      competences: [
        { competence: 'risk', level: 3, basis: 'experience' },
        { competence: 'ops', level: 2, basis: 'training', validUntil: '2027-06-30' },
      ],
      absences: [{ from: '2027-02-01', to: '2027-02-12', reason: 'leave' }], // Mon–Fri × 2 = 10 working days
      afterHours: true,
    },
    {
      key: 'eli',
      name: 'Eli Brandt',
      aimsHoursPerWeek: 10,
      competences: [
        { competence: 'risk', level: 2, basis: 'training' }, // below predeploy's level 3
        { competence: 'ml', level: 3, basis: 'education' },
        { competence: 'ops', level: 2, basis: 'training' },
      ],
      absences: [
        { from: '2026-12-20', to: '2027-01-01' }, // only Fri 1 Jan falls in the period
        { from: '2027-03-05', to: '2027-03-08' }, // Fri + Mon = 2 working days
      ],
    },
    {
      key: 'fay',
      name: 'Fay Lund',
      aimsHoursPerWeek: 4,
      competences: [{ competence: 'risk', level: 4, basis: 'experience' }],
      authorities: ['stop-launch'],
    },
    { key: 'gus', name: 'Gus Retired', aimsHoursPerWeek: 10, retired: true },
  ],
  assignments: [
    { activity: 'predeploy', person: 'dana', raci: 'R', hoursPerWeek: 4 },
    { activity: 'intake', person: 'dana', raci: 'R' },
    { activity: 'incident', person: 'dana', raci: 'R' },
    { activity: 'predeploy', person: 'eli', raci: 'R', hoursPerWeek: 3 },
    { activity: 'monitoring', person: 'eli', raci: 'R' },
    { activity: 'training', person: 'eli', raci: 'R' },
    { activity: 'incident', person: 'eli', raci: 'R', backup: true, hoursPerWeek: 1 },
    { activity: 'predeploy', person: 'fay', raci: 'A' },
    { activity: 'predeploy', person: 'fay', raci: 'R', backup: true },
    { activity: 'adequacy', person: 'fay', raci: 'R' },
    { activity: 'intake', person: 'gus', raci: 'R', hoursPerWeek: 10 },
  ],
});

const result: AnalysisResult = analyze({ model, period: '2027Q1', asOf: '2027-01-15', options: { auditor: false } });
const act = (key: string): ActivityResult => {
  const a = result.activities.find((x) => x.key === key);
  if (!a) throw new Error(key);
  return a;
};
const quarter = 1 / 4;
const weeks = 13;
const planningDays = 365 * quarter; // 91.25

describe('hand-worked fixture', () => {
  it('computes demand per activity exactly', () => {
    // intake: new systems h1 (high, 6 h) + m1 (medium, 3 h); l1 is retired
    expect(act('intake').demandHours).toBe(1 * 6 + 1 * 3); // 9
    // predeploy (high, critical only): high Σ changes (2 + 2) × ¼ × 16 + critical 4 × ¼ × 24
    expect(act('predeploy').demandHours).toBe((2 + 2) * quarter * 16 + 4 * quarter * 24); // 16 + 24 = 40
    // incident: high (1 default + 3) × ¼ × 8 + critical 2 (default) × ¼ × 12 + medium (0.5 + 0.5) × ¼ × 4
    expect(act('incident').demandHours).toBe((1 + 3) * quarter * 8 + 2 * quarter * 12 + (0.5 + 0.5) * quarter * 4); // 8 + 6 + 1 = 15
    // monitoring every 73 days: 91.25 / 73 = 1.25 occurrences per system
    const occ = planningDays / 73;
    expect(act('monitoring').demandHours).toBe(2 * occ * 1 + 1 * occ * 2 + 2 * occ * 0.5); // 6.25
    // adequacy, organization-wide every 365 days: ¼ occurrence × 40 h flat
    expect(act('adequacy').demandHours).toBe((planningDays / 365) * 40); // 10
    // training: 1.5 h/week × 13 weeks
    expect(act('training').demandHours).toBe(1.5 * weeks); // 19.5
    expect(result.totals.demandHours).toBe(9 + 40 + 15 + 6.25 + 10 + 19.5); // 99.75
  });

  it('computes capacity per activity exactly', () => {
    // Dana: 6 h/week, 10 absent working days → 13 − 10/5 = 11 effective weeks.
    //   predeploy explicit 4 h/week; the remaining 2 h/week split over intake and incident (1 each).
    const danaWeeks = weeks - 10 / 5;
    // Eli: 10 h/week, 3 absent working days → 13 − 3/5 = 12.4 effective weeks.
    //   explicit: predeploy 3 (unqualified: not counted) + incident backup 1; remaining 6 split over monitoring and training.
    const eliWeeks = weeks - 3 / 5;
    // Fay: 4 h/week, backup on predeploy without hours (adds nothing); all 4 h/week split to adequacy.
    expect(act('intake').capacityHours).toBe(1 * danaWeeks); // 11 (Gus is retired)
    expect(act('predeploy').capacityHours).toBe(4 * danaWeeks); // 44
    expect(act('incident').capacityHours).toBe(1 * danaWeeks + 1 * eliWeeks); // 11 + 12.4 = 23.4
    expect(act('monitoring').capacityHours).toBe(3 * eliWeeks); // 37.2
    expect(act('training').capacityHours).toBe(3 * eliWeeks); // 37.2
    expect(act('adequacy').capacityHours).toBe(4 * weeks); // 52
    expect(result.totals.capacityHours).toBe(11 + 44 + 23.4 + 37.2 + 37.2 + 52); // 204.8
  });

  it('computes people, utilization and bus factor', () => {
    const p = (k: string) => result.people.find((x) => x.key === k);
    expect(p('dana')?.availableHours).toBe(6 * weeks - 10 * (6 / 5)); // 66
    expect(p('eli')?.availableHours).toBe(10 * weeks - 3 * (10 / 5)); // 124
    expect(p('eli')?.allocatedHours).toBe(Math.round((3 + 1 + 3 + 3) * 12.4 * 100) / 100); // 124
    expect(p('fay')?.availableHours).toBe(4 * weeks); // 52
    expect(p('gus')).toBeUndefined();
    expect(act('predeploy').utilization).toBe(Math.round((40 / 44) * 10_000) / 10_000); // 0.9091
    expect(act('predeploy').qualifiedPeople).toBe(2); // Dana (R) + Fay (backup); Eli lacks risk 3
    expect(act('predeploy').backupCovered).toBe(true);
    expect(act('incident').afterHoursCovered).toBe(true); // serves c1 (critical 24x7); Dana is on call
    expect(act('intake').afterHoursCovered).toBeNull();
  });

  it('explains the numbers in plain language', () => {
    expect(act('predeploy').rationale.demand).toBe(
      // heaviest tier first
      'pre-deployment review: 1 critical-risk system × 4 major changes a year × ¼ year × 24 h + 2 high × 2 × ¼ × 16 h = 40 h',
    );
    expect(act('incident').rationale.demand).toBe(
      'incident response: 1 critical-risk system × 2 incidents a year (organization default) × ¼ year × 12 h + 2 high (4 a year in total) × ¼ × 8 h + 2 medium × 0.5 × ¼ × 4 h = 15 h',
    );
    expect(act('training').rationale.demand).toBe('training: 1.5 h/week × 13 weeks = 19.5 h');
    expect(act('adequacy').rationale.demand).toBe('adequacy review: 0.25 occurrences (every 365 days over 91.25 days) × 40 h = 10 h');
    const cap = act('predeploy').rationale.capacity;
    expect(cap).toContain('Dana Ortiz 4 h/week × (13 weeks − 2 weeks absent) = 44 h');
    expect(cap).toContain('Eli Brandt 3 h/week not counted — Risk assessment at level 2 (needs 3)');
    expect(cap).toContain('Fay Lund (backup, qualified) adds no hours');
    expect(act('predeploy').rationale.utilization).toBe('utilization: 40 h demand ÷ 44 h capacity = 91%');
    const terms = act('predeploy').rationale.terms;
    expect(terms.map((t) => [t.tier, t.systems, t.ratePerYear, t.occurrences, t.hoursPerOccurrence, t.hours])).toEqual([
      ['critical', 1, 4, 1, 24, 24],
      ['high', 2, 4, 1, 16, 16],
    ]);
  });

  it('raises the gaps this model implies', () => {
    const keys = result.gaps.map((g) => g.key);
    expect(keys).toContain('CAPACITY-AT-RISK:activity:predeploy'); // 91% > 85%
    expect(keys).toContain('COMPETENCE-GAP:person:eli:activity:predeploy');
    expect(keys).not.toContain('AUTHORITY-MISSING:activity:predeploy'); // Fay is A with stop-launch
  });
});
