// One triggering and one non-triggering minimal model for every rule id.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from './rules/index.js';
import { activity, assign, build, byKey, cleanOperational, gapsFor, person, run, system, type Draft } from './test-fixtures.js';
import { RULE_IDS, type AnalysisResult, type Gap, type OperationalInputs, type RuleId } from './types.js';
import type { ModelFile } from '../model/schema.js';

function only(r: AnalysisResult, rule: RuleId): Gap {
  const gs = gapsFor(r, rule);
  expect(gs.length, `${rule} gaps: ${JSON.stringify(r.gaps.map((g) => g.key))}`).toBeGreaterThan(0);
  const g = gs[0];
  if (!g) throw new Error('unreachable');
  for (const x of gs) {
    expect(x.explanation.length).toBeGreaterThan(20);
    expect(x.remediation.length).toBeGreaterThan(20);
  }
  return g;
}

function none(r: AnalysisResult, rule: RuleId): void {
  expect(gapsFor(r, rule).map((g) => g.explanation)).toEqual([]);
}

const withOp = (m: ModelFile, change?: (o: OperationalInputs) => void): AnalysisResult => {
  const o = cleanOperational();
  change?.(o);
  return run(m, o);
};

const act = (d: Draft, key = 'review') => byKey(d.activities, key);
const per = (d: Draft, key: string) => byKey(d.people, key);

describe('registry', () => {
  it('registers every rule id once, in order, with severity and needs', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.remediation.length).toBeGreaterThan(10);
      expect(r.needs.length).toBeGreaterThan(0);
    }
  });
  it('documents every rule with its default severity in RULES.md', () => {
    const md = readFileSync(new URL('./RULES.md', import.meta.url), 'utf8');
    for (const r of RULES) expect(md).toMatch(new RegExp(`\\|\\s*\`?${r.id}\`?\\s*\\|\\s*${r.defaultSeverity}\\b`));
  });
});

describe('baseline', () => {
  it('the healthy baseline has no gaps at all, with operational data', () => {
    const r = withOp(build());
    expect(r.gaps).toEqual([]);
    expect(r.rulesNotEvaluated).toEqual([]);
  });
  it('lists operational rules as not evaluated without operational inputs', () => {
    const r = run(build());
    expect(r.rulesNotEvaluated.map((x) => x.rule).sort()).toEqual(
      ['EVIDENCE-EXPIRED', 'EVIDENCE-MISSING', 'REASSESSMENT-PENDING', 'REVIEW-OVERDUE', 'WORK-OVERDUE'].sort(),
    );
    for (const x of r.rulesNotEvaluated) expect(x.reason).toMatch(/operational/);
  });
  it('evaluates only the operational rules whose list is given', () => {
    const r = run(build(), { evidence: [] });
    expect(r.rulesNotEvaluated.map((x) => x.rule)).not.toContain('EVIDENCE-MISSING');
    expect(r.rulesNotEvaluated.find((x) => x.rule === 'WORK-OVERDUE')?.reason).toMatch(/operational\.workItems/);
  });
});

describe('OWNER-MISSING', () => {
  it('fires when a required activity has no A', () => {
    const g = only(run(build((d) => (d.assignments = d.assignments.filter((a) => a.raci !== 'A')))), 'OWNER-MISSING');
    expect(g.subject).toEqual({ kind: 'activity', id: 'review', name: 'review' });
    expect(g.severity).toBe('high'); // the activity covers a high-risk system
  });
  it('does not fire for an activity that is not required', () => {
    none(
      run(
        build((d) => {
          d.assignments = d.assignments.filter((a) => a.raci !== 'A');
          act(d).required = false;
        }),
      ),
      'OWNER-MISSING',
    );
  });
});

describe('PERFORMER-MISSING', () => {
  it('fires when only a backup is assigned R', () => {
    const g = only(
      run(build((d) => (d.assignments = d.assignments.filter((a) => !(a.person === 'alice' && a.raci === 'R'))))),
      'PERFORMER-MISSING',
    );
    expect(g.explanation).toMatch(/2\.5 h of demand/);
    expect(g.explanation).toMatch(/Only backups are assigned \(Bob\)/);
  });
  it('does not fire with a responsible performer', () => {
    none(run(build()), 'PERFORMER-MISSING');
  });
});

describe('SPOF', () => {
  it('fires when exactly one person is qualified for an activity with demand', () => {
    const g = only(run(build((d) => (d.assignments = d.assignments.filter((a) => a.person !== 'bob')))), 'SPOF');
    expect(g.explanation).toMatch(/Only Alice/);
    expect(g.related).toEqual([{ kind: 'person', id: 'alice', name: 'Alice' }]);
  });
  it('does not fire when the activity has no demand', () => {
    none(
      run(
        build((d) => {
          d.assignments = d.assignments.filter((a) => a.person !== 'bob');
          d.aiSystems = [];
        }),
      ),
      'SPOF',
    );
  });
  it('does not fire when the second person is qualified but unqualified people do not count', () => {
    const r = run(build((d) => (per(d, 'bob').competences = [])));
    only(r, 'SPOF');
    none(run(build()), 'SPOF');
  });
});

describe('BACKUP-MISSING', () => {
  it('fires when the sole qualified performer has no backup', () => {
    only(run(build((d) => (d.assignments = d.assignments.filter((a) => a.person !== 'bob')))), 'BACKUP-MISSING');
  });
  it('fires for a key-reviewer activity without a flagged backup even with two performers', () => {
    const r = run(
      build((d) => {
        act(d).independence = true;
        d.assignments = [assign('review', 'alice', 'A'), assign('review', 'alice', 'R'), assign('review', 'bob', 'R')];
      }),
    );
    expect(only(r, 'BACKUP-MISSING').explanation).toMatch(/key-reviewer work \(independent review\)/);
  });
  it('does not fire for ordinary work with two qualified performers', () => {
    none(
      run(build((d) => (d.assignments = [assign('review', 'alice', 'A'), assign('review', 'alice', 'R'), assign('review', 'bob', 'R')]))),
      'BACKUP-MISSING',
    );
  });
});

describe('CAPACITY-SHORTFALL', () => {
  it('fires when demand exceeds qualified capacity, with the numbers', () => {
    // 1 high system × 40 changes × ¼ × 10 h = 100 h vs 78 h
    const g = only(run(build((d) => (byKey(d.aiSystems, 's1').majorChangesPerYear = 40))), 'CAPACITY-SHORTFALL');
    expect(g.explanation).toContain('needs 100 h');
    expect(g.explanation).toContain('provide 78 h');
    expect(g.explanation).toContain('short by 22 h');
    expect(g.severity).toBe('high');
  });
  it('is critical for regulated decisioning', () => {
    const r = run(
      build((d) => {
        byKey(d.aiSystems, 's1').majorChangesPerYear = 40;
        byKey(d.aiSystems, 's1').regulatedDecisioning = true;
      }),
    );
    expect(only(r, 'CAPACITY-SHORTFALL').severity).toBe('critical');
  });
  it('does not fire when demand equals capacity', () => {
    // continuous 6 h/week × 13 weeks = 78 h = capacity (4 + 2 h/week × 13 weeks)
    none(
      run(
        build((d) => {
          act(d).trigger = { kind: 'continuous', hoursPerWeek: 6 };
        }),
      ),
      'CAPACITY-SHORTFALL',
    );
  });
});

describe('CAPACITY-AT-RISK', () => {
  it('fires when utilization is above the threshold but not above 1', () => {
    // continuous 6.5 h/week × 13 = 84.5 h demand; capacity alice 4 + bob 2 + carol 1 h/week × 13 = 91 h → 92.9%
    const g = only(
      run(
        build((d) => {
          act(d).trigger = { kind: 'continuous', hoursPerWeek: 6.5 };
          d.people.push(person('carol'));
          d.assignments.push(assign('review', 'carol', 'R', { hoursPerWeek: 1 }));
        }),
      ),
      'CAPACITY-AT-RISK',
    );
    expect(g.explanation).toContain('93% utilization');
    expect(g.explanation).toContain('84.5 h demand of 91 h capacity');
  });
  it('does not fire below the threshold or above 1 (that is a shortfall)', () => {
    none(run(build()), 'CAPACITY-AT-RISK');
    const over = run(build((d) => (act(d).trigger = { kind: 'continuous', hoursPerWeek: 7 })));
    none(over, 'CAPACITY-AT-RISK');
    only(over, 'CAPACITY-SHORTFALL');
  });
  it('honours a custom threshold from settings', () => {
    const r = run(
      build((d) => {
        d.organization.settings = { utilizationThreshold: 0.5 };
        act(d).trigger = { kind: 'continuous', hoursPerWeek: 4 }; // 52 / 78 = 67%
      }),
    );
    only(r, 'CAPACITY-AT-RISK');
  });
  it('fires for a person whose explicit hours exceed aimsHoursPerWeek', () => {
    const r = run(
      build((d) => {
        d.activities.push(activity('other'));
        d.assignments.push(assign('other', 'alice', 'R', { hoursPerWeek: 8 })); // 4 + 8 > 10
      }),
    );
    const g = gapsFor(r, 'CAPACITY-AT-RISK').find((x) => x.subject.kind === 'person');
    expect(g?.subject.id).toBe('alice');
    expect(g?.explanation).toContain('12 h/week');
    expect(g?.explanation).toContain('overallocated by 2 h/week');
  });
  it('does not fire for a person whose explicit hours equal aimsHoursPerWeek', () => {
    const r = run(
      build((d) => {
        d.activities.push(activity('other'));
        d.assignments.push(assign('other', 'alice', 'R', { hoursPerWeek: 6 }));
      }),
    );
    expect(gapsFor(r, 'CAPACITY-AT-RISK').filter((x) => x.subject.kind === 'person')).toEqual([]);
  });
});

describe('COMPETENCE-GAP', () => {
  it('fires when a performer (R) lacks the level', () => {
    const r = run(build((d) => (per(d, 'alice').competences = [{ competence: 'risk', level: 1, basis: 'training' }])));
    const g = only(r, 'COMPETENCE-GAP');
    expect(g.subject).toEqual({ kind: 'person', id: 'alice', name: 'Alice' });
    expect(g.explanation).toContain('Risk assessment at level 1 (needs 2)');
    expect(g.explanation).toContain('52 h on it are not counted');
    expect(g.related.map((s) => s.id)).toEqual(['review', 'risk']);
  });
  it('fires when the evidence expired before asOf', () => {
    const r = run(
      build((d) => (per(d, 'alice').competences = [{ competence: 'risk', level: 3, basis: 'training', validUntil: '2027-01-14' }])),
    );
    expect(only(r, 'COMPETENCE-GAP').explanation).toContain('expired on 2027-01-14');
  });
  it('does not fire when evidence is valid through asOf', () => {
    none(
      run(build((d) => (per(d, 'alice').competences = [{ competence: 'risk', level: 3, basis: 'training', validUntil: '2027-01-15' }]))),
      'COMPETENCE-GAP',
    );
  });
  it('ignores A, C and I rows: the accountable owner answers for the work without doing it', () => {
    none(
      run(
        build((d) => {
          d.people.push(person('carol', { competences: [] }));
          d.people.push(person('dan', { competences: [] }));
          d.assignments.push(assign('review', 'carol', 'C'));
          d.assignments.push(assign('review', 'dan', 'A'));
        }),
      ),
      'COMPETENCE-GAP',
    );
  });
});

describe('INDEPENDENCE-CONFLICT', () => {
  it('fires when every qualified person builds an in-scope system, naming system and people', () => {
    const r = run(
      build((d) => {
        act(d).independence = true;
        byKey(d.aiSystems, 's1').name = 'Credit scoring';
        byKey(d.aiSystems, 's1').owner = 'alice';
        byKey(d.aiSystems, 's1').builders = ['bob'];
      }),
    );
    const g = only(r, 'INDEPENDENCE-CONFLICT');
    expect(g.explanation).toContain('"Credit scoring" (high: Alice owns it, Bob builds it)');
    expect(g.related).toContainEqual({ kind: 'ai-system', id: 's1', name: 'Credit scoring' });
  });
  it('does not fire when one qualified person is independent of the system', () => {
    none(
      run(
        build((d) => {
          act(d).independence = true;
          byKey(d.aiSystems, 's1').builders = ['bob'];
        }),
      ),
      'INDEPENDENCE-CONFLICT',
    );
  });
  it('does not fire for systems in tiers the activity does not apply to', () => {
    none(
      run(
        build((d) => {
          act(d).independence = true;
          act(d).appliesToTiers = ['critical'];
          byKey(d.aiSystems, 's1').builders = ['alice', 'bob'];
        }),
      ),
      'INDEPENDENCE-CONFLICT',
    );
  });
});

describe('AUTHORITY-MISSING', () => {
  it('fires when no accountable person holds stop-launch', () => {
    const r = run(
      build((d) => {
        act(d).stopLaunchAuthority = true;
        per(d, 'alice').authorities = [];
      }),
    );
    expect(only(r, 'AUTHORITY-MISSING').explanation).toContain('(Alice) holds no "stop-launch" authority');
  });
  it('fires when the only holder is absent the whole period', () => {
    const r = run(
      build((d) => {
        act(d).stopLaunchAuthority = true;
        per(d, 'alice').absences = [{ from: '2026-12-20', to: '2027-04-02' }];
      }),
    );
    expect(only(r, 'AUTHORITY-MISSING').explanation).toContain('absent the whole period');
  });
  it('does not fire when the A holds stop-launch', () => {
    none(run(build((d) => (act(d).stopLaunchAuthority = true))), 'AUTHORITY-MISSING');
  });
});

describe('AFTER-HOURS-GAP', () => {
  it('fires for a 24x7 activity with no one on call', () => {
    const r = run(
      build((d) => {
        act(d).coverage = '24x7';
        per(d, 'alice').afterHours = false;
        per(d, 'bob').afterHours = false;
      }),
    );
    expect(only(r, 'AFTER-HOURS-GAP').explanation).toContain('is a 24x7 activity');
    expect(r.activities[0]?.afterHoursCovered).toBe(false);
  });
  it('fires for incident work serving a critical 24x7 system', () => {
    const r = run(
      build((d) => {
        act(d).trigger = { kind: 'per-incident' };
        byKey(d.aiSystems, 's1').critical24x7 = true;
        per(d, 'alice').afterHours = false;
        per(d, 'bob').afterHours = false;
      }),
    );
    const g = only(r, 'AFTER-HOURS-GAP');
    expect(g.explanation).toContain('serves 1 critical 24x7 system');
    expect(g.related).toEqual([{ kind: 'ai-system', id: 's1', name: 's1' }]);
  });
  it('does not fire when a qualified backup is on call, and is n/a for business-hours work', () => {
    const r = run(
      build((d) => {
        act(d).coverage = '24x7';
        per(d, 'alice').afterHours = false;
      }),
    );
    none(r, 'AFTER-HOURS-GAP');
    expect(r.activities[0]?.afterHoursCovered).toBe(true);
    expect(run(build()).activities[0]?.afterHoursCovered).toBeNull();
  });
});

describe('TOOL-ACCESS-MISSING', () => {
  const tool = (access: string[]) => (d: Draft) => {
    d.tools.push({
      key: 'inv',
      name: 'Model inventory',
      category: 'inventory',
      activities: ['review'],
      free: true,
      access: access.map((p) => ({ person: p, granted: '2026-12-01' })),
    });
  };
  it('fires for an R performer without access', () => {
    const g = only(run(build(tool(['alice']))), 'TOOL-ACCESS-MISSING');
    expect(g.subject.id).toBe('bob');
    expect(g.explanation).toContain('needs "Model inventory"');
  });
  it('also follows activity.tools', () => {
    const r = run(
      build((d) => {
        tool(['alice', 'bob'])(d);
        d.tools.push({ key: 'eval', name: 'Eval env', category: 'evaluation', free: true });
        act(d).tools = ['eval'];
      }),
    );
    expect(
      gapsFor(r, 'TOOL-ACCESS-MISSING')
        .map((g) => g.key)
        .sort(),
    ).toEqual(['TOOL-ACCESS-MISSING:person:alice:tool:eval', 'TOOL-ACCESS-MISSING:person:bob:tool:eval']);
  });
  it('does not fire when every performer has access', () => {
    none(run(build(tool(['alice', 'bob']))), 'TOOL-ACCESS-MISSING');
  });
});

describe('TOOL-UNFUNDED', () => {
  const base = (o: Partial<Draft['tools'][number]>) => (d: Draft) => {
    d.tools.push({ key: 't', name: 'Tool T', category: 'grc', ...o });
  };
  it('fires for a paid tool with no budget line', () => {
    expect(only(run(build(base({}))), 'TOOL-UNFUNDED').explanation).toContain('no budget line pays for it');
  });
  it('fires for an unknown budget line, an expired licence and exceeded seats', () => {
    const r = run(
      build(
        base({
          budgetLine: 'nope',
          licenceExpires: '2027-01-14',
          seats: 1,
          access: [
            { person: 'alice', granted: '2027-01-01' },
            { person: 'bob', granted: '2027-01-01' },
          ],
        }),
      ),
    );
    const g = only(r, 'TOOL-UNFUNDED');
    expect(g.explanation).toContain('"nope" does not exist');
    expect(g.explanation).toContain('licence expired on 2027-01-14');
    expect(g.explanation).toContain('2 people have access but only 1 seat is licensed');
    expect(g.severity).toBe('high');
  });
  it('does not fire for a free tool or a funded one with a valid licence', () => {
    none(run(build(base({ free: true }))), 'TOOL-UNFUNDED');
    none(
      run(
        build((d) => {
          base({ budgetLine: 'b', licenceExpires: '2027-01-15', seats: 2, access: [{ person: 'alice', granted: '2027-01-01' }] })(d);
          d.budgetLines.push({
            key: 'b',
            name: 'Tools',
            amountMinor: 100,
            currency: 'EUR',
            periodStart: '2027-01-01',
            periodEnd: '2027-12-31',
            category: 'tools',
            approval: { by: 'CFO', at: '2026-12-01', evidence: 'memo-1' },
          });
        }),
      ),
      'TOOL-UNFUNDED',
    );
  });
});

const line = (o: Partial<Draft['budgetLines'][number]>) => (d: Draft) => {
  d.budgetLines.push({
    key: 'b1',
    name: 'AIMS tools',
    amountMinor: 100_000,
    currency: 'EUR',
    periodStart: '2027-01-01',
    periodEnd: '2027-12-31',
    category: 'tools',
    approval: { by: 'CFO', at: '2026-12-01', evidence: 'minutes-12' },
    ...o,
  });
};

describe('BUDGET-UNAPPROVED', () => {
  it('fires for a current line without approval', () => {
    const g = only(run(build(line({ approval: null }))), 'BUDGET-UNAPPROVED');
    expect(g.explanation).toContain('EUR 1,000.00');
    expect(g.severity).toBe('medium');
  });
  it('fires (low) for an approval without evidence', () => {
    expect(only(run(build(line({ approval: { by: 'CFO', at: '2026-12-01' } }))), 'BUDGET-UNAPPROVED').severity).toBe('low');
  });
  it('does not fire for approved lines or lines outside the period', () => {
    none(run(build(line({}))), 'BUDGET-UNAPPROVED');
    none(run(build(line({ approval: null, periodStart: '2025-01-01', periodEnd: '2025-12-31' }))), 'BUDGET-UNAPPROVED');
  });
});

describe('BUDGET-OVERSPENT', () => {
  it('fires when invoices exceed the amount, saying by how much in major units', () => {
    const g = only(
      run(
        build(
          line({
            actuals: [
              { kind: 'invoice', reference: 'INV-1', date: '2027-01-05', amountMinor: 70_000 },
              { kind: 'invoice', reference: 'INV-2', date: '2027-01-10', amountMinor: 50_050 },
            ],
          }),
        ),
      ),
      'BUDGET-OVERSPENT',
    );
    expect(g.explanation).toContain('EUR 1,200.50 against EUR 1,000.00');
    expect(g.explanation).toContain('overspent by EUR 200.50');
    expect(g.severity).toBe('high'); // 20% over
  });
  it('does not fire when invoices equal the amount (purchase orders do not count)', () => {
    none(
      run(
        build(
          line({
            actuals: [
              { kind: 'invoice', reference: 'INV-1', date: '2027-01-05', amountMinor: 100_000 },
              { kind: 'purchase-order', reference: 'PO-1', date: '2027-01-01', amountMinor: 500_000 },
            ],
          }),
        ),
      ),
      'BUDGET-OVERSPENT',
    );
  });
});

const vendor = (o: Partial<Draft['thirdParties'][number]>) => (d: Draft) => {
  d.thirdParties.push({
    key: 'v1',
    name: 'ModelCo',
    kind: 'model-provider',
    criticality: 'high',
    owner: 'alice',
    contracts: [{ reference: 'MSA-1', start: '2026-01-01' }],
    dueDiligence: { last: '2026-06-01', nextDue: '2027-06-01', result: 'satisfactory' },
    ...o,
  });
};

describe('VENDOR-OWNER-MISSING', () => {
  it('fires without an owner, or with a retired one', () => {
    expect(only(run(build(vendor({ owner: null }))), 'VENDOR-OWNER-MISSING').severity).toBe('high');
    const r = run(
      build((d) => {
        vendor({ owner: 'alice' })(d);
        per(d, 'alice').retired = true;
      }),
    );
    expect(only(r, 'VENDOR-OWNER-MISSING').explanation).toContain('no longer active');
  });
  it('does not fire with an active owner', () => {
    none(run(build(vendor({}))), 'VENDOR-OWNER-MISSING');
  });
});

describe('VENDOR-CONTRACT-MISSING', () => {
  it('fires when the contract ended before asOf', () => {
    const g = only(
      run(build(vendor({ contracts: [{ reference: 'MSA-1', start: '2025-01-01', end: '2027-01-14' }] }))),
      'VENDOR-CONTRACT-MISSING',
    );
    expect(g.explanation).toContain('ended on 2027-01-14');
  });
  it('fires when only an NDA is on file', () => {
    only(run(build(vendor({ contracts: [{ reference: 'NDA-1', kind: 'nda', start: '2025-01-01' }] }))), 'VENDOR-CONTRACT-MISSING');
  });
  it('does not fire when a contract is in force on asOf', () => {
    none(
      run(build(vendor({ contracts: [{ reference: 'SOW-2', kind: 'sow', start: '2027-01-15', end: '2027-01-15' }] }))),
      'VENDOR-CONTRACT-MISSING',
    );
  });
});

describe('VENDOR-DD-OVERDUE', () => {
  it('fires when next due is before asOf', () => {
    const g = only(
      run(build(vendor({ dueDiligence: { last: '2026-01-01', nextDue: '2027-01-01', result: 'satisfactory' } }))),
      'VENDOR-DD-OVERDUE',
    );
    expect(g.explanation).toContain('was due on 2027-01-01 (14 days ago)');
  });
  it('fires when never done for a high-criticality third party', () => {
    only(run(build(vendor({ dueDiligence: { last: null, nextDue: null, result: 'pending' } }))), 'VENDOR-DD-OVERDUE');
  });
  it('does not fire when current, or never done for a low-criticality one', () => {
    none(run(build(vendor({}))), 'VENDOR-DD-OVERDUE');
    none(run(build(vendor({ criticality: 'low', dueDiligence: { last: null, nextDue: null, result: 'pending' } }))), 'VENDOR-DD-OVERDUE');
  });
});

describe('EVIDENCE-MISSING', () => {
  const expects = build((d) => (act(d).evidenceTypes = ['review-approval-record']));
  it('fires when an expected evidence type has no record', () => {
    const g = only(withOp(expects), 'EVIDENCE-MISSING');
    expect(g.key).toBe('EVIDENCE-MISSING:activity:review:type:review-approval-record');
  });
  it('drafts do not count', () => {
    only(
      withOp(expects, (o) =>
        o.evidence?.push({
          id: 'e1',
          type: 'review-approval-record',
          status: 'draft',
          effectiveDate: '2027-01-02',
          validUntil: null,
          links: [{ kind: 'activity', key: 'review' }],
        }),
      ),
      'EVIDENCE-MISSING',
    );
  });
  it('does not fire with an accepted, linked record', () => {
    none(
      withOp(expects, (o) =>
        o.evidence?.push({
          id: 'e1',
          type: 'review-approval-record',
          status: 'accepted',
          effectiveDate: '2027-01-02',
          validUntil: null,
          links: [{ kind: 'activity', key: 'review' }],
        }),
      ),
      'EVIDENCE-MISSING',
    );
  });
});

describe('EVIDENCE-EXPIRED', () => {
  const expects = build((d) => (act(d).evidenceTypes = ['review-approval-record']));
  const rec = (id: string, validUntil: string | null) => ({
    id,
    type: 'review-approval-record' as const,
    status: 'accepted' as const,
    effectiveDate: '2026-01-02',
    validUntil,
    links: [{ kind: 'activity' as const, key: 'review' }],
  });
  it('fires when the only record expired (and it is not reported missing)', () => {
    const r = withOp(expects, (o) => o.evidence?.push(rec('e1', '2027-01-10')));
    const g = only(r, 'EVIDENCE-EXPIRED');
    expect(g.explanation).toContain('expired on 2027-01-10');
    expect(g.subject.id).toBe('review');
    none(r, 'EVIDENCE-MISSING');
  });
  it("covers any linked entity, e.g. a person's training record", () => {
    const r = withOp(build(), (o) =>
      o.evidence?.push({
        id: 't1',
        type: 'training-completion',
        status: 'expired',
        effectiveDate: '2025-01-01',
        validUntil: null,
        links: [{ kind: 'person', key: 'bob' }],
      }),
    );
    expect(only(r, 'EVIDENCE-EXPIRED').subject).toEqual({ kind: 'person', id: 'bob', name: 'Bob' });
  });
  it('does not fire when a current record replaces the expired one', () => {
    none(
      withOp(expects, (o) => o.evidence?.push(rec('e1', '2027-01-10'), rec('e2', '2028-01-10'))),
      'EVIDENCE-EXPIRED',
    );
  });
});

describe('ACCESS-REVIEW-OVERDUE', () => {
  const tool =
    (granted: string, lastReviewed: string | null, who = 'alice') =>
    (d: Draft) => {
      d.tools.push({ key: 'inv', name: 'Inventory', category: 'inventory', free: true, access: [{ person: who, granted, lastReviewed }] });
    };
  it('fires when never reviewed and granted more than the interval ago', () => {
    // 2027-01-15 − 90 days = 2026-10-17; granted 2026-10-16 is older
    const g = only(run(build(tool('2026-10-16', null))), 'ACCESS-REVIEW-OVERDUE');
    expect(g.explanation).toContain('1 of 1 access row has not been reviewed within 90 days');
  });
  it('is high when a leaver still has access', () => {
    const r = run(
      build((d) => {
        tool('2026-01-01', null, 'zed')(d);
        d.people.push(person('zed', { retired: true }));
      }),
    );
    expect(only(r, 'ACCESS-REVIEW-OVERDUE').severity).toBe('high');
  });
  it('does not fire when reviewed within the interval', () => {
    none(run(build(tool('2025-01-01', '2026-10-17'))), 'ACCESS-REVIEW-OVERDUE');
  });
});

describe('REVIEW-OVERDUE', () => {
  it('fires when the last signed review is older than the interval', () => {
    const g = only(
      withOp(build(), (o) => (o.adequacyReviews = [{ id: 'r0', kind: 'periodic', signedOffAt: '2026-09-01', periodLabel: '2026Q3' }])),
      'REVIEW-OVERDUE',
    );
    // 2026-09-01 + 92 days = 2026-12-02, 44 days before 2027-01-15
    expect(g.explanation).toContain('next was due on 2026-12-02, 44 days ago');
    expect(g.subject.kind).toBe('organization');
  });
  it('fires (high) when no review was ever signed', () => {
    const r = withOp(build(), (o) => (o.adequacyReviews = [{ id: 'r0', kind: 'periodic', signedOffAt: null, periodLabel: '2026Q4' }]));
    expect(only(r, 'REVIEW-OVERDUE').severity).toBe('high');
  });
  it('does not fire within the interval', () => {
    none(withOp(build()), 'REVIEW-OVERDUE');
  });
});

describe('REASSESSMENT-PENDING', () => {
  const trig = (addressedByReview: string | null) => ({
    id: 'tr1',
    kind: 'key-person-departure' as const,
    occurredAt: '2027-01-03',
    subject: { kind: 'person' as const, key: 'bob', name: 'Bob' },
    addressedByReview,
  });
  it('fires for an unaddressed trigger', () => {
    const g = only(
      withOp(build(), (o) => o.reassessmentTriggers?.push(trig(null))),
      'REASSESSMENT-PENDING',
    );
    expect(g.subject).toEqual({ kind: 'person', id: 'bob', name: 'Bob' });
    expect(g.explanation).toContain('12 days ago');
    expect(g.severity).toBe('high');
  });
  it('fires when the addressing review is not signed', () => {
    const r = withOp(build(), (o) => {
      o.adequacyReviews?.push({ id: 'r2', kind: 'triggered', signedOffAt: null, periodLabel: '2027Q1' });
      o.reassessmentTriggers?.push(trig('r2'));
    });
    expect(only(r, 'REASSESSMENT-PENDING').explanation).toContain('not signed off yet');
  });
  it('does not fire when a signed review addressed it', () => {
    none(
      withOp(build(), (o) => o.reassessmentTriggers?.push(trig('rev-1'))),
      'REASSESSMENT-PENDING',
    );
  });
});

describe('SCOPE-UNAPPROVED', () => {
  it('fires without a scope statement', () => {
    only(run(build((d) => (d.scope = []))), 'SCOPE-UNAPPROVED');
  });
  it('fires when the latest version is unapproved', () => {
    const r = run(build((d) => d.scope.push({ version: 2, createdAt: '2027-01-10T09:00:00Z' })));
    expect(only(r, 'SCOPE-UNAPPROVED').explanation).toContain('last approved version is 1');
  });
  it('does not fire when the latest is approved', () => {
    none(run(build()), 'SCOPE-UNAPPROVED');
  });
});

describe('SCOPE-UNJUSTIFIED', () => {
  it('fires for an excluded system without justification', () => {
    const g = only(run(build((d) => d.aiSystems.push(system('s2', { inScope: false })))), 'SCOPE-UNJUSTIFIED');
    expect(g.subject).toEqual({ kind: 'ai-system', id: 's2', name: 's2' });
    expect(g.severity).toBe('high');
  });
  it('does not fire with a justification', () => {
    none(
      run(build((d) => d.aiSystems.push(system('s2', { inScope: false, exclusionJustification: 'sandbox only, no production data' })))),
      'SCOPE-UNJUSTIFIED',
    );
  });
});

describe('WORK-OVERDUE', () => {
  const item = (status: 'open' | 'done', dueDate: string) => ({
    id: `w-${status}-${dueDate}`,
    activity: 'review',
    aiSystem: 's1',
    assignee: null,
    dueDate,
    status,
    completedAt: null,
  });
  it('fires for an open item past due, grouped per activity', () => {
    const r = withOp(build(), (o) => o.workItems?.push(item('open', '2027-01-10'), item('open', '2027-01-12')));
    const g = only(r, 'WORK-OVERDUE');
    expect(gapsFor(r, 'WORK-OVERDUE')).toHaveLength(1);
    expect(g.explanation).toContain('2 work items past due');
    expect(g.explanation).toContain('5 days late');
    expect(g.severity).toBe('high'); // concerns a high-risk system
  });
  it('does not fire for done items or items not yet due', () => {
    none(
      withOp(build(), (o) => o.workItems?.push(item('done', '2027-01-10'), item('open', '2027-01-15'))),
      'WORK-OVERDUE',
    );
  });
});

describe('PHANTOM-ACTIVITY', () => {
  it('fires when a required activity has demand and zero qualified capacity', () => {
    const r = run(
      build((d) => {
        per(d, 'alice').competences = [];
        per(d, 'bob').competences = [];
      }),
    );
    const g = only(r, 'PHANTOM-ACTIVITY');
    expect(g.severity).toBe('critical');
    expect(g.explanation).toContain('needs 2.5 h');
    expect(g.explanation).toContain('none is qualified');
  });
  it('does not fire for a non-required activity', () => {
    none(
      run(
        build((d) => {
          per(d, 'alice').competences = [];
          per(d, 'bob').competences = [];
          act(d).required = false;
        }),
      ),
      'PHANTOM-ACTIVITY',
    );
  });
});

describe('every rule id has a triggering test above', () => {
  it('covers the full list', () => {
    const names = new Set(
      readFileSync(new URL('./rules.test.ts', import.meta.url), 'utf8')
        .split('\n')
        .map((l) => /^describe\('([A-Z-]+)'/.exec(l)?.[1])
        .filter((x): x is string => x !== undefined),
    );
    for (const id of RULE_IDS) expect(names.has(id), id).toBe(true);
  });
});
