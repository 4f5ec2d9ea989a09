import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findModelErrors, formatPath, fundsRefKey } from './references.js';
import { modelFileSchema, personSchema, type ModelFile } from './schema.js';

/** A small model where every reference resolves. */
function cleanModel(): ModelFile {
  return modelFileSchema.parse({
    format: 'adequate-model/v1',
    organization: { name: 'Test Org' },
    scope: [
      { version: 1, createdAt: '2026-01-01T00:00:00Z' },
      { version: 2, createdAt: '2026-06-01T00:00:00Z' },
    ],
    competences: [
      { key: 'ml-engineering', name: 'ML engineering' },
      { key: 'model-validation', name: 'Model validation' },
    ],
    activities: [
      {
        key: 'monitoring',
        name: 'Monitoring',
        trigger: { kind: 'continuous', hoursPerWeek: 2 },
        competences: [{ competence: 'ml-engineering', minLevel: 2 }],
        tools: ['monitoring-platform'],
      },
      {
        key: 'review',
        name: 'Review',
        trigger: { kind: 'per-major-change' },
        competences: [{ competence: 'model-validation', minLevel: 3 }],
      },
    ],
    aiSystems: [
      {
        key: 'fraud',
        name: 'Fraud detection',
        aiRole: 'developer',
        riskTier: 'high',
        lifecycleStage: 'deployed',
        owner: 'ann',
        builders: ['bob'],
        thirdParties: ['cloudco'],
      },
    ],
    people: [
      {
        key: 'ann',
        name: 'Ann',
        aimsHoursPerWeek: 4,
        competences: [{ competence: 'model-validation', level: 3, basis: 'experience' }],
      },
      {
        key: 'bob',
        name: 'Bob',
        aimsHoursPerWeek: 10,
        competences: [{ competence: 'ml-engineering', level: 3, basis: 'training' }],
      },
    ],
    assignments: [
      { activity: 'monitoring', person: 'bob', raci: 'R' },
      { activity: 'monitoring', person: 'ann', raci: 'A' },
      { activity: 'review', person: 'ann', raci: 'R' },
      { activity: 'review', person: 'ann', raci: 'A' },
    ],
    tools: [
      {
        key: 'monitoring-platform',
        name: 'Monitoring platform',
        category: 'monitoring',
        activities: ['monitoring'],
        access: [{ person: 'bob', granted: '2026-01-01' }],
        owner: 'bob',
        budgetLine: 'tools-2027',
      },
    ],
    budgetLines: [
      {
        key: 'tools-2027',
        name: 'Tools 2027',
        amountMinor: 100_00,
        currency: 'EUR',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        category: 'tools',
        funds: [
          { kind: 'tool', ref: 'monitoring-platform' },
          { kind: 'tool', ref: 'tools/monitoring-platform' },
          { kind: 'third-party', ref: 'cloudco' },
          { kind: 'activity', ref: 'monitoring' },
          { kind: 'person', ref: 'bob' },
          { kind: 'other', ref: 'anything at all' },
        ],
      },
    ],
    thirdParties: [
      {
        key: 'cloudco',
        name: 'CloudCo',
        kind: 'cloud-hosting',
        criticality: 'high',
        aiSystems: ['fraud'],
        activities: ['monitoring'],
        owner: 'ann',
      },
    ],
  });
}

/** Break the clean model with `mutate` and return the error paths. */
function pathsAfter(mutate: (m: ModelFile) => void): string[] {
  const m = structuredClone(cleanModel());
  mutate(m);
  return findModelErrors(m).map((e) => e.path);
}

describe('formatPath', () => {
  it('formats zod-style paths', () => {
    expect(formatPath(['people', 3, 'competences', 0, 'level'])).toBe('people[3].competences[0].level');
    expect(formatPath(['organization', 'settings', 'utilizationThreshold'])).toBe('organization.settings.utilizationThreshold');
    expect(formatPath([0, 'key'])).toBe('[0].key');
    expect(formatPath([])).toBe('');
    expect(formatPath(['funds', 'odd key'])).toBe('funds["odd key"]');
  });

  it('formats real zod issue paths', () => {
    const r = z.object({ people: z.array(personSchema) }).safeParse({
      people: [{ key: 'a', name: 'A', aimsHoursPerWeek: 1, competences: [{ competence: 'x', level: 9, basis: 'training' }] }],
    });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => formatPath(i.path))).toEqual(['people[0].competences[0].level']);
  });
});

describe('fundsRefKey', () => {
  it('accepts bare and collection-prefixed keys', () => {
    expect(fundsRefKey('tool', 'model-inventory')).toBe('model-inventory');
    expect(fundsRefKey('tool', 'tools/model-inventory')).toBe('model-inventory');
    expect(fundsRefKey('third-party', 'thirdParties/acme')).toBe('acme');
    expect(fundsRefKey('other', 'whatever')).toBeNull();
  });
});

describe('findModelErrors', () => {
  it('returns [] for a clean model', () => {
    expect(findModelErrors(cleanModel())).toEqual([]);
  });

  it('reports duplicate keys in every collection', () => {
    expect(
      pathsAfter((m) => {
        m.competences.push({ ...m.competences[0]! });
        m.activities.push({ ...m.activities[1]! });
        m.aiSystems.push({ ...m.aiSystems[0]! });
        m.people.push({ ...m.people[1]! });
        m.tools.push({ ...m.tools[0]! });
        m.budgetLines.push({ ...m.budgetLines[0]! });
        m.thirdParties.push({ ...m.thirdParties[0]! });
      }),
    ).toEqual([
      'competences[2].key',
      'activities[2].key',
      'aiSystems[1].key',
      'people[2].key',
      'tools[1].key',
      'budgetLines[1].key',
      'thirdParties[1].key',
    ]);
  });

  it('says which entry already used a duplicate key', () => {
    const m = cleanModel();
    m.people.push({ ...m.people[0]! });
    expect(findModelErrors(m)).toEqual([{ path: 'people[2].key', message: expect.stringContaining('"ann" (already used by people[0])') }]);
  });

  it('reports unknown references from activities', () => {
    expect(
      pathsAfter((m) => {
        m.activities[1]!.competences[0]!.competence = 'model-valdiation';
        m.activities[0]!.tools.push('nope');
      }),
    ).toEqual(['activities[0].tools[1]', 'activities[1].competences[0].competence']);
  });

  it('reports unknown references from AI systems', () => {
    expect(
      pathsAfter((m) => {
        m.aiSystems[0]!.owner = 'zed';
        m.aiSystems[0]!.builders.push('yan');
        m.aiSystems[0]!.thirdParties[0] = 'cloud-co';
      }),
    ).toEqual(['aiSystems[0].owner', 'aiSystems[0].builders[1]', 'aiSystems[0].thirdParties[0]']);
  });

  it('reports an unknown competence held by a person, with suggestions', () => {
    const m = cleanModel();
    m.people[1]!.competences.push({ competence: 'ml-opsx', level: 2, basis: 'training', evidence: '', validUntil: null });
    expect(findModelErrors(m)).toEqual([
      {
        path: 'people[1].competences[1].competence',
        message: 'unknown competence "ml-opsx"; add it to competences or use one of: ml-engineering, model-validation',
      },
    ]);
  });

  it('limits suggestions to the first few and says how many there are', () => {
    const m = cleanModel();
    for (let i = 0; i < 10; i++) m.competences.push({ ...m.competences[0]!, key: `extra-${i}` });
    m.people[0]!.competences[0]!.competence = 'model-validaton';
    const [e] = findModelErrors(m);
    expect(e?.message).toMatch(/^unknown competence "model-validaton"; add it to competences or use one of: model-validation, /);
    expect(e?.message).toContain('(12 in all)');
  });

  it('reports unknown assignment activity and person, and duplicate assignments', () => {
    expect(
      pathsAfter((m) => {
        m.assignments.push({ activity: 'monitorin', person: 'bob', raci: 'R', backup: false, hoursPerWeek: null });
        m.assignments.push({ activity: 'review', person: 'bobby', raci: 'C', backup: false, hoursPerWeek: null });
        m.assignments.push({ activity: 'monitoring', person: 'bob', raci: 'R', backup: true, hoursPerWeek: 2 });
        // Same person and activity with a different RACI letter is fine.
        m.assignments.push({ activity: 'monitoring', person: 'bob', raci: 'I', backup: false, hoursPerWeek: null });
      }),
    ).toEqual(['assignments[4].activity', 'assignments[5].person', 'assignments[6]']);
  });

  it('reports unknown references from tools', () => {
    expect(
      pathsAfter((m) => {
        m.tools[0]!.activities.push('monitor');
        m.tools[0]!.access.push({ person: 'carl', granted: '2026-01-01', lastReviewed: null });
        m.tools[0]!.owner = 'dora';
        m.tools[0]!.budgetLine = 'tools-2026';
      }),
    ).toEqual(['tools[0].activities[1]', 'tools[0].access[1].person', 'tools[0].owner', 'tools[0].budgetLine']);
  });

  it('allows a tool without owner or budget line (those are gap rules, not integrity errors)', () => {
    expect(
      pathsAfter((m) => {
        m.tools[0]!.owner = null;
        m.tools[0]!.budgetLine = null;
      }),
    ).toEqual([]);
  });

  it('reports budget lines funding things that do not exist', () => {
    expect(
      pathsAfter((m) => {
        const funds = m.budgetLines[0]!.funds;
        funds[0]!.ref = 'monitoring-platfrom';
        funds[1]!.ref = 'tools/nothing';
        funds[2]!.ref = 'cloud';
        funds[3]!.ref = 'monitor';
        funds[4]!.ref = 'bobby';
        funds[5]!.ref = 'still fine';
        funds.push({ kind: 'tool', ref: '' });
      }),
    ).toEqual([
      'budgetLines[0].funds[0].ref',
      'budgetLines[0].funds[1].ref',
      'budgetLines[0].funds[2].ref',
      'budgetLines[0].funds[3].ref',
      'budgetLines[0].funds[4].ref',
      'budgetLines[0].funds[6].ref',
    ]);
  });

  it('reports unknown references from third parties', () => {
    expect(
      pathsAfter((m) => {
        m.thirdParties[0]!.aiSystems.push('frauds');
        m.thirdParties[0]!.activities[0] = 'reviews';
        m.thirdParties[0]!.owner = 'eve';
      }),
    ).toEqual(['thirdParties[0].aiSystems[1]', 'thirdParties[0].activities[0]', 'thirdParties[0].owner']);
  });

  it('reports scope versions out of order', () => {
    expect(
      pathsAfter((m) => {
        m.scope[1]!.version = 3;
      }),
    ).toEqual(['scope[1].version']);
    expect(
      pathsAfter((m) => {
        m.scope.reverse();
      }),
    ).toEqual(['scope[0].version', 'scope[1].version']);
  });

  it('explains how to fix a reference into an empty collection', () => {
    const m = cleanModel();
    m.thirdParties = [];
    const e = findModelErrors(m).find((x) => x.path === 'aiSystems[0].thirdParties[0]');
    expect(e?.message).toBe('unknown third party "cloudco"; thirdParties is empty — add "cloudco" to thirdParties first');
  });
});
