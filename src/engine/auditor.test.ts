import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { modelFileSchema, type ModelFile } from '../model/schema.js';
import { analyze, whatIf, type AnalysisResult, type AuditorAnswers } from './index.js';
import { activity, assign, AS_OF, build, byKey, PERIOD, person, system } from './test-fixtures.js';

/** Baseline plus a stop-launch review, an ML review only Carol can do, and one third party. */
const model = build((d) => {
  byKey(d.activities, 'review').stopLaunchAuthority = true;
  d.activities.push(activity('ml-review', { competences: [{ competence: 'ml', minLevel: 3 }] }));
  d.people.push(
    person('carol', { competences: [{ competence: 'ml', level: 3, basis: 'education', evidence: 'MSc', validUntil: '2027-02-01' }] }),
    person('dan', { competences: [{ competence: 'ml', level: 3, basis: 'training', validUntil: '2026-12-31' }] }),
  );
  d.assignments.push(
    assign('ml-review', 'carol', 'R'),
    assign('ml-review', 'alice', 'A'),
    assign('ml-review', 'dan', 'R', { backup: true }),
  );
  d.aiSystems.push(system('s2', { riskTier: 'medium' }));
  d.thirdParties.push({ key: 'v1', name: 'ModelCo', kind: 'model-provider', criticality: 'low', aiSystems: ['s2'], owner: null });
});

const answers = (r: AnalysisResult): AuditorAnswers => {
  if (!r.auditorAnswers) throw new Error('no auditor answers');
  return r.auditorAnswers;
};
const r = analyze({ model, period: PERIOD, asOf: AS_OF });
const a = answers(r);

describe('Q1 — how resources were determined', () => {
  it('states the method, the inputs and the demand with rationale', () => {
    expect(a.q1.question).toBe('How did you decide what resources you need?');
    expect(a.q1.method.join(' ')).toContain('2027Q1');
    expect(a.q1.inputs.inScopeSystems).toBe(2);
    expect(a.q1.inputs.byTier.find((t) => t.tier === 'high')).toMatchObject({ systems: 1, majorChangesPerYear: 1, incidentsPerYear: 1 });
    expect(a.q1.demand.map((x) => x.activity)).toEqual(r.activities.map((x) => x.key));
    expect(a.q1.demand[0]?.rationale).toBe(r.activities[0]?.rationale.demand);
    expect(a.q1.totals.demandHours).toBe(r.totals.demandHours);
  });
});

describe('Q2 — competence and authority to stop a launch', () => {
  it('lists people with required vs held levels, evidence and validity', () => {
    const ml = a.q2.activities.find((x) => x.activity === 'ml-review');
    const carol = ml?.people.find((p) => p.person === 'carol');
    expect(carol?.competences[0]).toEqual({
      competence: 'ml',
      name: 'ML evaluation',
      requiredLevel: 3,
      heldLevel: 3,
      meets: true,
      basis: 'education',
      evidence: 'MSc',
      validUntil: '2027-02-01',
      validity: 'expiring-soon', // within expiryWarningDays (30) of asOf
    });
    const dan = ml?.people.find((p) => p.person === 'dan');
    expect(dan?.qualified).toBe(false);
    expect(dan?.competences[0]?.validity).toBe('expired');
    expect(ml?.authorityOk).toBeNull();
  });
  it('names who holds stop-launch authority', () => {
    const review = a.q2.activities.find((x) => x.activity === 'review');
    expect(review?.stopLaunchAuthority).toBe(true);
    expect(review?.stopLaunchHolders).toEqual([{ person: 'alice', name: 'Alice' }]);
    expect(review?.authorityOk).toBe(true);
  });
});

describe('Q3 — workload and backlog', () => {
  it('says it needs work items when none are given', () => {
    expect(a.q3.evaluated).toBe(false);
  });
  it('counts open, overdue and done items per activity', () => {
    const q3 = answers(
      analyze({
        model,
        period: PERIOD,
        asOf: AS_OF,
        operational: {
          workItems: [
            { id: 'w1', activity: 'review', aiSystem: 's1', assignee: 'alice', dueDate: '2027-01-10', status: 'open', completedAt: null },
            {
              id: 'w2',
              activity: 'review',
              aiSystem: 's1',
              assignee: 'alice',
              dueDate: '2027-01-20',
              status: 'in-progress',
              completedAt: null,
            },
            {
              id: 'w3',
              activity: 'review',
              aiSystem: 's1',
              assignee: 'alice',
              dueDate: '2027-01-05',
              status: 'done',
              completedAt: '2027-01-04',
            },
          ],
        },
      }),
    ).q3;
    expect(q3.activities).toEqual([{ activity: 'review', name: 'review', open: 2, overdue: 1, done: 1, oldestOverdueDue: '2027-01-10' }]);
  });
});

describe('Q4 — a key reviewer is out', () => {
  it('lists key reviewers, their backups and what their absence breaks', () => {
    const carol = a.q4.keyReviewers.find((k) => k.person === 'carol');
    expect(carol?.soleQualifiedFor).toEqual([{ activity: 'ml-review', name: 'ml review' }]);
    expect(carol?.backups).toEqual([
      {
        activity: 'ml-review',
        total: 1,
        trained: 0,
        backups: [{ person: 'dan', name: 'Dan', trained: false, missing: ['ML evaluation level 3 expired on 2026-12-31 (needs level 3)'] }],
      },
    ]);
    expect(carol?.ifAbsent.gapsAppeared.map((g) => g.rule)).toContain('PHANTOM-ACTIVITY');
    const alice = a.q4.keyReviewers.find((k) => k.person === 'alice');
    expect(alice?.keyActivities.map((x) => x.activity)).toEqual(['review']);
    expect(alice?.ifAbsent.gapsAppeared.map((g) => g.rule)).toContain('AUTHORITY-MISSING');
  });

  it('matches a full what-if run for each key reviewer', () => {
    const models: ModelFile[] = [model];
    const demo = new URL('../../examples/demo-bank.yaml', import.meta.url);
    if (existsSync(demo)) models.push(modelFileSchema.parse(parse(readFileSync(demo, 'utf8'))));
    for (const m of models) {
      const res = analyze({ model: m, period: PERIOD, asOf: AS_OF });
      for (const k of answers(res).q4.keyReviewers) {
        const full = whatIf({ model: m, period: PERIOD, asOf: AS_OF }, [{ kind: 'absent', person: k.person }]);
        expect(k.ifAbsent.gapsAppeared.map((g) => g.key).sort(), k.person).toEqual(full.gapsAppeared.map((g) => g.key).sort());
      }
    }
  });

  it('limits details to keyReviewerLimit and lists the rest', () => {
    const q4 = answers(analyze({ model, period: PERIOD, asOf: AS_OF, options: { keyReviewerLimit: 1 } })).q4;
    expect(q4.keyReviewers).toHaveLength(1);
    expect(q4.omitted.length).toBeGreaterThan(0);
  });
});

describe('Q5 — third parties', () => {
  it('lists third parties with management status and gaps', () => {
    expect(a.q5.thirdParties).toEqual([
      {
        key: 'v1',
        name: 'ModelCo',
        kind: 'model-provider',
        criticality: 'low',
        essential: true, // linked to an in-scope system
        owner: null,
        currentContract: null,
        dueDiligence: { last: null, nextDue: null, result: 'pending' },
        aiSystems: ['s2'],
        activities: [],
        gaps: ['VENDOR-OWNER-MISSING', 'VENDOR-CONTRACT-MISSING'],
      },
    ]);
  });
});
