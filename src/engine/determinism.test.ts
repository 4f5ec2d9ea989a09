// Same input → same output, including Monte Carlo with a seed; the output is plain JSON.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { modelFileSchema, type ModelFile } from '../model/schema.js';
import { analyze, whatIf } from './index.js';
import { activity, assign, AS_OF, build, PERIOD, person, system } from './test-fixtures.js';

const demoUrl = new URL('../../examples/demo-bank.yaml', import.meta.url);

/** The demo bank when present (richer), else a built model with a few gaps. */
function richModel(): ModelFile {
  if (existsSync(demoUrl)) return modelFileSchema.parse(parse(readFileSync(demoUrl, 'utf8')));
  return build((d) => {
    for (let i = 0; i < 12; i++) d.aiSystems.push(system(`s-${i}`, { riskTier: i % 2 ? 'medium' : 'critical', critical24x7: i === 0 }));
    d.activities.push(activity('incidents', { trigger: { kind: 'per-incident' }, coverage: '24x7' }));
    d.people.push(person('carol', { competences: [] }));
    d.assignments.push(assign('incidents', 'carol', 'R'), assign('incidents', 'bob', 'R', { hoursPerWeek: 1 }));
  });
}

const operational = {
  evidence: [],
  workItems: [
    { id: 'w1', activity: 'monitoring', aiSystem: null, assignee: null, dueDate: '2027-01-02', status: 'open' as const, completedAt: null },
  ],
  adequacyReviews: [],
  reassessmentTriggers: [],
};

describe('determinism', () => {
  const model = richModel();
  const input = { model, period: PERIOD, asOf: AS_OF, operational };

  it('gives deep-equal results for the same input', () => {
    expect(analyze(input)).toEqual(analyze(input));
  });

  it('produces plain JSON (round-trips unchanged)', () => {
    const r = analyze(input);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('does not depend on the order of entities in the model', () => {
    const shuffled: ModelFile = {
      ...model,
      activities: [...model.activities].reverse(),
      aiSystems: [...model.aiSystems].reverse(),
      people: [...model.people].reverse(),
      assignments: [...model.assignments].reverse(),
      tools: [...model.tools].reverse(),
      budgetLines: [...model.budgetLines].reverse(),
      thirdParties: [...model.thirdParties].reverse(),
      competences: [...model.competences].reverse(),
    };
    expect(analyze({ ...input, model: shuffled })).toEqual(analyze(input));
  });

  it('repeats a seeded Monte Carlo what-if exactly; another seed may differ', () => {
    const s = (seed: number) =>
      whatIf(input, [
        { kind: 'add-systems', count: 3, tier: 'high' },
        { kind: 'surge', factor: 2.5, monteCarlo: { runs: 400, seed } },
      ]);
    const a = s(2027);
    expect(s(2027)).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(s(2028).monteCarlo?.overall).not.toEqual(a.monteCarlo?.overall);
  });
});
