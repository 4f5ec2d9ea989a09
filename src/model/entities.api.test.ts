import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';
import { testDialect } from '../test/db.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Case {
  path: string;
  entity: string;
  /** Two valid rows; the first is created, updated and retired. */
  rows: [Record<string, unknown>, Record<string, unknown>];
  patch: Record<string, unknown>;
  filter: string;
  /** DELETE removes the row instead of retiring it. */
  deletes?: boolean;
}

// In dependency order: each case may refer to rows created by the cases before it.
const CASES: Case[] = [
  {
    path: 'competences',
    entity: 'competence',
    rows: [
      { key: 'model-validation', name: 'Model validation', category: 'technical' },
      { key: 'privacy', name: 'Privacy', category: 'legal' },
    ],
    patch: { description: 'Challenge models independently' },
    filter: 'category=legal',
  },
  {
    path: 'people',
    entity: 'person',
    rows: [
      {
        key: 'dana-ortiz',
        name: 'Dana Ortiz',
        team: 'Model Risk',
        aimsHoursPerWeek: 6,
        competences: [{ competence: 'model-validation', level: 3, basis: 'experience' }],
        absences: [{ from: '2027-02-01', to: '2027-02-12' }],
        authorities: ['stop-launch'],
      },
      { key: 'li-wei', name: 'Li Wei', team: 'Privacy', aimsHoursPerWeek: 4, employmentType: 'contractor' },
    ],
    patch: { aimsHoursPerWeek: 8 },
    filter: 'employmentType=contractor',
  },
  {
    path: 'third-parties',
    entity: 'third-party',
    rows: [
      {
        key: 'llm-vendor',
        name: 'LLM Vendor',
        kind: 'model-provider',
        criticality: 'critical',
        owner: 'dana-ortiz',
        contracts: [{ reference: 'MSA-1', start: '2026-01-01', end: '2027-12-31' }],
      },
      { key: 'assessor', name: 'Assessor LLP', kind: 'external-assessor', criticality: 'medium' },
    ],
    patch: { criticality: 'high' },
    filter: 'kind=external-assessor',
  },
  {
    path: 'ai-systems',
    entity: 'ai-system',
    rows: [
      {
        key: 'credit-scoring',
        name: 'Credit scoring',
        owner: 'dana-ortiz',
        aiRole: 'deployer',
        riskTier: 'high',
        lifecycleStage: 'deployed',
        regulatedDecisioning: true,
        majorChangesPerYear: 2,
        thirdParties: ['llm-vendor'],
      },
      { key: 'churn', name: 'Churn model', aiRole: 'developer', riskTier: 'low', lifecycleStage: 'approved' },
    ],
    patch: { riskTier: 'critical' },
    filter: 'riskTier=low',
  },
  {
    path: 'budget-lines',
    entity: 'budget-line',
    rows: [
      {
        key: 'bl-tools',
        name: 'AI governance tooling',
        amountMinor: 12_000_000,
        currency: 'EUR',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        category: 'tools',
        approval: { by: 'CFO', at: '2026-12-01' },
        actuals: [{ kind: 'invoice', reference: 'INV-1', date: '2027-01-10', amountMinor: 250_000 }],
      },
      {
        key: 'bl-training',
        name: 'Training',
        amountMinor: 500_000,
        currency: 'EUR',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        category: 'training',
      },
    ],
    patch: { amountMinor: 13_000_000 },
    filter: 'approved=false',
  },
  {
    path: 'tools',
    entity: 'tool',
    rows: [
      {
        key: 'model-inventory',
        name: 'Model inventory',
        category: 'inventory',
        seats: 10,
        owner: 'dana-ortiz',
        budgetLine: 'bl-tools',
        access: [{ person: 'dana-ortiz', granted: '2026-06-01', lastReviewed: '2026-12-01' }],
      },
      { key: 'wiki', name: 'Wiki', category: 'documentation', free: true },
    ],
    patch: { seats: 20 },
    filter: 'category=documentation',
  },
  {
    path: 'activities',
    entity: 'activity',
    rows: [
      {
        key: 'pre-deployment-review',
        name: 'Pre-deployment review',
        trigger: { kind: 'per-major-change' },
        effortHours: { low: 4, medium: 6, high: 16, critical: 32 },
        competences: [{ competence: 'model-validation', minLevel: 3 }],
        independence: true,
        stopLaunchAuthority: true,
        tools: ['model-inventory'],
        evidenceTypes: ['review-approval-record'],
      },
      {
        key: 'training',
        name: 'Training',
        trigger: { kind: 'periodic', intervalDays: 365, per: 'organization' },
        flatEffortHours: 40,
        coverage: 'business-hours',
      },
    ],
    patch: { effortHours: { low: 4, medium: 8, high: 16, critical: 32 } },
    filter: 'triggerKind=periodic',
  },
  {
    path: 'assignments',
    entity: 'assignment',
    rows: [
      { activity: 'pre-deployment-review', person: 'dana-ortiz', raci: 'R', hoursPerWeek: 4 },
      { activity: 'pre-deployment-review', person: 'li-wei', raci: 'A' },
    ],
    patch: { backup: true },
    filter: 'raci=A',
    deletes: true,
  },
];

async function auditActions(entity: string, id: string): Promise<string[]> {
  const res = await t.as('auditor').get(`/api/v1/audit?entity=${entity}&entityId=${id}`);
  return (res.json() as { items: { action: string }[] }).items.map((i) => i.action).reverse();
}

describe(`resourcing model API (${testDialect()})`, () => {
  for (const c of CASES) {
    it(`${c.path}: create, read, list with filter and page, update with version, stale 409, retire, audit`, async () => {
      const api = t.as('compliance_lead');
      const [first, second] = c.rows;
      const created = await api.post(`/api/v1/${c.path}`, first);
      expect(created.statusCode, created.body).toBe(201);
      const row = created.json() as { id: string; version: number };
      expect(row.version).toBe(1);
      expect((await api.post(`/api/v1/${c.path}`, second)).statusCode).toBe(201);

      const read = await api.get(`/api/v1/${c.path}/${row.id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject(first);

      const filtered = (await api.get(`/api/v1/${c.path}?${c.filter}`)).json() as { items: unknown[]; total: number };
      expect(filtered.total).toBe(1);
      expect(filtered.items[0]).toMatchObject(second);
      const page = (await api.get(`/api/v1/${c.path}?limit=1&offset=1&sort=createdAt`)).json() as {
        items: { id: string }[];
        total: number;
      };
      expect(page.items).toHaveLength(1);
      expect(page.total).toBeGreaterThanOrEqual(2);

      const updated = await api.patch(`/api/v1/${c.path}/${row.id}`, { version: 1, ...c.patch });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toMatchObject({ ...c.patch, version: 2 });

      const stale = await api.patch(`/api/v1/${c.path}/${row.id}`, { version: 1, ...c.patch });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details.current).toMatchObject({ id: row.id, version: 2 });

      const viaHeader = await api.patch(`/api/v1/${c.path}/${row.id}`, c.patch, { 'if-match': '"2"' });
      expect(viaHeader.statusCode, viaHeader.body).toBe(200);
      expect(viaHeader.json()).toMatchObject({ version: 3 });

      const retired = await api.delete(`/api/v1/${c.path}/${row.id}`);
      if (c.deletes) {
        expect(retired.statusCode).toBe(204);
        expect((await api.get(`/api/v1/${c.path}/${row.id}`)).statusCode).toBe(404);
      } else {
        expect(retired.statusCode).toBe(200);
        const active = (await api.get(`/api/v1/${c.path}?limit=500`)).json() as { items: { id: string }[] };
        expect(active.items.map((i) => i.id)).not.toContain(row.id);
        const all = (await api.get(`/api/v1/${c.path}?retired=retired`)).json() as { items: { id: string }[] };
        expect(all.items.map((i) => i.id)).toContain(row.id);
        // Bring it back for the cases after this one.
        const restore = c.path === 'ai-systems' ? { lifecycleStage: 'deployed' } : { retired: false };
        expect((await api.patch(`/api/v1/${c.path}/${row.id}`, { version: 4, ...restore })).statusCode).toBe(200);
      }

      const actions = await auditActions(c.entity, row.id);
      expect(actions.slice(0, 4)).toEqual(['create', 'update', 'update', c.deletes ? 'delete' : 'retire']);
    });
  }

  it('answers 422 naming the field when a reference points at nothing', async () => {
    const res = await t.as('admin').post('/api/v1/assignments', { activity: 'pre-deployment-review', person: 'nobody-here', raci: 'C' });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues).toEqual([{ path: 'person', message: expect.stringContaining('nobody-here') as string }]);
  });

  it('answers 400 naming fields for bad input: floats for money, bad dates, levels out of range', async () => {
    const api = t.as('admin');
    const money = await api.post('/api/v1/budget-lines', {
      key: 'bl-float',
      name: 'Float',
      amountMinor: 10.5,
      currency: 'EUR',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      category: 'tools',
    });
    expect(money.statusCode).toBe(400);
    expect(money.body).toContain('amountMinor');
    const date = await api.post('/api/v1/people', {
      key: 'bad-date',
      name: 'Bad',
      aimsHoursPerWeek: 1,
      absences: [{ from: '01/02/2027', to: '2027-02-03' }],
    });
    expect(date.statusCode).toBe(400);
    expect(date.body).toContain('absences');
    const level = await api.post('/api/v1/people', {
      key: 'bad-level',
      name: 'Bad',
      aimsHoursPerWeek: 1,
      competences: [{ competence: 'privacy', level: 7, basis: 'training' }],
    });
    expect(level.statusCode).toBe(400);
  });

  it('refuses unknown fields (a typo must not vanish silently), but accepts a row sent back as read', async () => {
    const api = t.as('admin');
    const typo = await api.post('/api/v1/ai-systems', {
      key: 'typo',
      name: 'Typo',
      aiRole: 'user',
      riskTeir: 'low',
      riskTier: 'low',
      lifecycleStage: 'intake',
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('riskTeir');
    const row = ((await api.get('/api/v1/competences?q=privacy')).json() as { items: Record<string, unknown>[] }).items[0]!;
    const back = await api.patch(`/api/v1/competences/${String(row['id'])}`, { ...row, description: 'Sent back whole' });
    expect(back.statusCode, back.body).toBe(200);
    const bad = await api.patch(`/api/v1/competences/${String(row['id'])}`, {
      version: (back.json() as { version: number }).version,
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('colour');
  });

  it('refuses to change a key, and a duplicate key with 409', async () => {
    const api = t.as('admin');
    const list = (await api.get('/api/v1/competences?q=privacy')).json() as { items: { id: string; version: number }[] };
    const row = list.items[0]!;
    const rename = await api.patch(`/api/v1/competences/${row.id}`, { version: row.version, key: 'renamed' });
    expect(rename.statusCode).toBe(422);
    expect((await api.post('/api/v1/competences', { key: 'privacy', name: 'Again' })).statusCode).toBe(409);
  });

  it('lets a contributor change only rows they own', async () => {
    const admin = t.as('admin');
    expect(
      (await admin.post('/api/v1/people', { key: 'casey', name: 'Casey', email: t.org.emails.contributor, aimsHoursPerWeek: 2 }))
        .statusCode,
    ).toBe(201);
    const mine = await t.as('contributor').post('/api/v1/ai-systems', {
      key: 'casey-bot',
      name: 'Casey bot',
      owner: 'casey',
      aiRole: 'user',
      riskTier: 'low',
      lifecycleStage: 'intake',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const notMine = await t.as('contributor').post('/api/v1/ai-systems', {
      key: 'other-bot',
      name: 'Other',
      owner: 'dana-ortiz',
      aiRole: 'user',
      riskTier: 'low',
      lifecycleStage: 'intake',
    });
    expect(notMine.statusCode).toBe(403);
    const credit = (await admin.get('/api/v1/ai-systems?q=credit')).json() as { items: { id: string; version: number }[] };
    const steal = await t
      .as('contributor')
      .patch(`/api/v1/ai-systems/${credit.items[0]!.id}`, { version: credit.items[0]!.version, owner: 'casey' });
    expect(steal.statusCode).toBe(403);
  });

  it('keeps scope statement versions, readable, approved by an approver only', async () => {
    const lead = t.as('compliance_lead');
    const v1 = await lead.post('/api/v1/scope/versions', { basedOn: null, businessUnits: ['Retail'], aiRoles: ['deployer'] });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, approval: null, createdBy: t.org.emails.compliance_lead });
    expect((await lead.post('/api/v1/scope/versions', { basedOn: null, businessUnits: ['x'] })).statusCode).toBe(409);
    const v2 = await lead.post('/api/v1/scope/versions', {
      basedOn: 1,
      businessUnits: ['Retail', 'Commercial'],
      exclusions: [{ subject: 'HR', justification: 'No AI in use' }],
    });
    expect(v2.json()).toMatchObject({ version: 2 });
    expect((await lead.post('/api/v1/scope/versions/2/approve')).statusCode).toBe(403);
    const approved = await t.as('approver').post('/api/v1/scope/versions/2/approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ approval: { by: t.org.emails.approver } });
    expect((await t.as('approver').post('/api/v1/scope/versions/2/approve')).statusCode).toBe(409);
    const all = (await t.as('auditor').get('/api/v1/scope/versions')).json() as { items: { version: number; businessUnits: string[] }[] };
    expect(all.items.map((v) => v.version)).toEqual([1, 2]);
    expect(all.items[0]!.businessUnits).toEqual(['Retail']);
  });
});
