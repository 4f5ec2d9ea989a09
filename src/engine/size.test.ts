// Enterprise size: 5,000 AI systems, 2,000 people, 60 activities, 50,000 assignments.
// Checks that the engine completes and produces sane totals; no timing assertions.
import { describe, expect, it } from 'vitest';
import { analyze, whatIf } from './index.js';
import { enterpriseModel, N_ACTIVITIES, N_PEOPLE, N_SYSTEMS } from './test-fixtures.js';

describe('enterprise-size model', () => {
  const model = enterpriseModel();

  it('has the intended size', () => {
    expect(model.aiSystems).toHaveLength(N_SYSTEMS);
    expect(model.people).toHaveLength(N_PEOPLE);
    expect(model.activities).toHaveLength(N_ACTIVITIES);
    expect(model.assignments).toHaveLength(50_000);
  });

  it('analyzes it completely with sane totals (auditor answers included)', () => {
    const r = analyze({ model, period: '2027Q1', asOf: '2027-01-15', operational: { evidence: [], workItems: [] } });
    const t = r.totals;
    expect(t.activities).toBe(N_ACTIVITIES);
    expect(t.people).toBe(N_PEOPLE);
    expect(t.inScopeSystems).toBe(N_SYSTEMS - 50 - 20); // 50 out of scope (i % 100 = 99), 20 retired (i % 250 = 0)
    expect(t.demandHours).toBeGreaterThan(1_000);
    expect(t.capacityHours).toBeGreaterThan(0);
    expect(t.capacityHours).toBeLessThanOrEqual(t.allocatedHours + 0.01);
    expect(t.allocatedHours).toBeLessThanOrEqual(t.availableHours + 0.01);
    for (const a of r.activities) {
      expect(Number.isFinite(a.demandHours)).toBe(true);
      expect(a.demandHours).toBeGreaterThanOrEqual(0);
      expect(a.rationale.demand.length).toBeGreaterThan(0);
      expect(a.rationale.capacity.length).toBeLessThan(5_000); // long lists are summarised
    }
    expect(r.gaps.length).toBeGreaterThan(0);
    for (const g of r.gaps) expect(g.explanation.length).toBeGreaterThan(0);
    expect(r.auditorAnswers?.q4.keyReviewers.length).toBeGreaterThan(0);
  });

  it('runs a combined what-if with Monte Carlo', () => {
    const r = whatIf({ model, period: '2027Q1', asOf: '2027-01-15' }, [
      { kind: 'absent', person: 'p-0' },
      { kind: 'add-systems', count: 100, tier: 'critical' },
      { kind: 'surge', factor: 2, monteCarlo: { runs: 200, seed: 1 } },
    ]);
    expect(r.totals.after.demandHours).toBeGreaterThan(r.totals.before.demandHours);
    expect(r.monteCarlo?.activities).toHaveLength(N_ACTIVITIES);
  });
});
