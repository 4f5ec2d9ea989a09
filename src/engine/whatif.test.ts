import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand';
import { EngineInputError, whatIf, type WhatIfScenario } from './index.js';
import { poisson } from './montecarlo.js';
import { activity, assign, AS_OF, build, byKey, PERIOD, person } from './test-fixtures.js';
import type { ModelFile } from '../model/schema.js';

const input = (model: ModelFile) => ({ model, period: PERIOD, asOf: AS_OF });
const row = (r: ReturnType<typeof whatIf>, key = 'review') => {
  const a = r.activities.find((x) => x.key === key);
  if (!a) throw new Error(key);
  return a;
};

describe('whatIf', () => {
  it("absent: removes the person's hours and cover for the whole period", () => {
    const r = whatIf(input(build()), [{ kind: 'absent', person: 'alice' }]);
    expect([row(r).capacityBefore, row(r).capacityAfter]).toEqual([78, 26]); // Bob's 2 h/week remain
    expect([row(r).qualifiedBefore, row(r).qualifiedAfter]).toEqual([2, 1]);
    expect(r.gapsAppeared.map((g) => g.rule)).toContain('SPOF');
    expect(r.gapsDisappeared).toEqual([]);
    expect(r.descriptions[0]).toBe('Alice is absent for all of 2027Q1');
  });

  it('add-systems: synthetic new in-scope systems with tier defaults', () => {
    const m = build((d) => d.activities.push(activity('intake', { trigger: { kind: 'per-new-system' }, competences: [] })));
    const r = whatIf(input(m), [{ kind: 'add-systems', count: 4, tier: 'high' }]);
    // review: (1 + 4) high systems × 1 change a year × ¼ × 10 h
    expect([row(r).demandBefore, row(r).demandAfter]).toEqual([2.5, 12.5]);
    // intake: 4 new high systems × 10 h
    expect([row(r, 'intake').demandBefore, row(r, 'intake').demandAfter]).toEqual([0, 40]);
    expect(r.totals.after.inScopeSystems).toBe(5);
  });

  it('surge: multiplies incident arrivals', () => {
    const m = build((d) => (byKey(d.activities, 'review').trigger = { kind: 'per-incident' }));
    const r = whatIf(input(m), [{ kind: 'surge', factor: 4 }]);
    // 1 high system × 1 incident a year (default) × ¼ × 10 h = 2.5 h; × 4 = 10 h
    expect([row(r).demandBefore, row(r).demandAfter]).toEqual([2.5, 10]);
    expect(r.monteCarlo).toBeNull();
  });

  it('add-person: adds qualified capacity where assigned (or where qualified by default)', () => {
    const m = build((d) => d.activities.push(activity('ml-review', { competences: [{ competence: 'ml', minLevel: 3 }] })));
    const explicit = whatIf(input(m), [
      { kind: 'add-person', name: 'New Hire', hoursPerWeek: 8, competences: [{ competence: 'ml', level: 3 }], assignTo: ['ml-review'] },
    ]);
    expect([row(explicit, 'ml-review').capacityBefore, row(explicit, 'ml-review').capacityAfter]).toEqual([0, 104]); // 8 × 13
    expect(explicit.gapsDisappeared.map((g) => g.key)).toContain('PHANTOM-ACTIVITY:activity:ml-review');
    const dflt = whatIf(input(m), [
      {
        kind: 'add-person',
        name: 'New Hire',
        hoursPerWeek: 8,
        competences: [
          { competence: 'ml', level: 3 },
          { competence: 'risk', level: 2 },
        ],
      },
    ]);
    // qualifies for both activities: 4 h/week each
    expect(row(dflt, 'ml-review').capacityAfter).toBe(52);
    expect(row(dflt, 'review').capacityAfter).toBe(78 + 52);
  });

  it('combines scenarios and leaves the input untouched', () => {
    const m = build();
    const before = JSON.stringify(m);
    const r = whatIf(input(m), [
      { kind: 'absent', person: 'alice' },
      { kind: 'add-person', name: 'Cover', hoursPerWeek: 4, competences: [{ competence: 'risk', level: 2 }], assignTo: ['review'] },
      { kind: 'add-systems', count: 2, tier: 'critical' },
    ]);
    expect(JSON.stringify(m)).toBe(before);
    expect(row(r).capacityAfter).toBe(26 + 52);
    expect(row(r).qualifiedAfter).toBe(2);
    expect(r.descriptions).toHaveLength(3);
  });

  it('rejects unknown people, activities and bad numbers with typed errors', () => {
    const m = build();
    const bad: WhatIfScenario[][] = [
      [{ kind: 'absent', person: 'nobody' }],
      [{ kind: 'add-systems', count: 0, tier: 'high' }],
      [{ kind: 'surge', factor: -1 }],
      [{ kind: 'surge', factor: 2, monteCarlo: { runs: 0, seed: 1 } }],
      [{ kind: 'add-person', name: 'X', hoursPerWeek: 4, competences: [], assignTo: ['nope'] }],
    ];
    for (const s of bad) expect(() => whatIf(input(m), s)).toThrow(EngineInputError);
  });
});

describe('Monte Carlo', () => {
  // 30 systems so that arrivals vary enough for seeds to matter.
  const m = build((d) => {
    for (let i = 0; i < 30; i++)
      d.aiSystems.push({
        key: `x${i}`,
        name: `X${i}`,
        aiRole: 'deployer',
        riskTier: 'medium',
        lifecycleStage: 'deployed',
        majorChangesPerYear: 2,
      });
    d.activities.push(activity('incidents', { trigger: { kind: 'per-incident' } }));
    d.assignments.push(
      assign('incidents', 'alice', 'R'),
      assign('incidents', 'alice', 'A'),
      assign('incidents', 'bob', 'R', { backup: true, hoursPerWeek: 1 }),
    );
    d.people.push(person('carol'));
  });
  const mc = (seed: number) => whatIf(input(m), [{ kind: 'surge', factor: 2, monteCarlo: { runs: 500, seed } }]);

  it('is deterministic for a seed and varies across seeds', () => {
    const a = mc(7);
    expect(mc(7)).toEqual(a);
    expect(mc(8).monteCarlo).not.toEqual(a.monteCarlo);
  });

  it('reports p50 ≤ p95 around the analytical expectation', () => {
    const r = mc(11).monteCarlo;
    if (!r) throw new Error('no monte carlo');
    expect(r.runs).toBe(500);
    expect(r.incidentFactor).toBe(2);
    for (const a of r.activities) expect(a.p50).toBeLessThanOrEqual(a.p95);
    const inc = r.activities.find((a) => a.key === 'incidents');
    // expected: (1 high × 1 + 30 medium × 0.5) × 2 × ¼ × (10 h high, 4 h medium) = 5 + 30 = 35 h
    expect(inc?.expected).toBe(35);
    expect(inc?.p50).toBeGreaterThan(20);
    expect(inc?.p50).toBeLessThan(50);
    expect(r.overall.p95).toBeGreaterThanOrEqual(r.overall.p50);
  });

  it('samples Poisson counts with the right mean (small and large λ)', () => {
    for (const lambda of [0.7, 3, 25, 400]) {
      const rng = xoroshiro128plus(123);
      let sum = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) sum += poisson(lambda, rng);
      expect(Math.abs(sum / n - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n) + 1e-9);
    }
  });
});
