import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importModel } from '../model/commands/import-model.js';
import { assertValidModel } from '../model/model-file.js';
import { createTestApp, type TestApp } from '../test/app.js';
import { testDialect } from '../test/db.js';

const DEMO = fs.readFileSync(path.resolve(import.meta.dirname, '../../examples/demo-bank.yaml'), 'utf8');
const AS_OF = { period: '2027Q1', asOf: '2027-01-15' };

interface GapRow {
  id: string;
  rule: string;
  status: string;
  subject: { kind: string; id: string };
  version: number;
  overdue: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  timesReopened: number;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importModel(t.ctx, { kind: 'system', id: 't', label: 't' }, t.org.id, assertValidModel(DEMO));
  // Link the contributor to a person so they can own gaps.
  const people = (await t.as('admin').get('/api/v1/people?q=oliver')).json() as { items: { id: string; version: number }[] };
  await t
    .as('admin')
    .patch(`/api/v1/people/${people.items[0]!.id}`, { version: people.items[0]!.version, email: t.org.emails.contributor });
});
afterAll(async () => {
  await t.close();
});

async function run(): Promise<{ register: Record<string, number> }> {
  const res = await t.as('compliance_lead').post('/api/v1/analysis/runs', AS_OF);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { register: Record<string, number> };
}

async function gaps(query = ''): Promise<GapRow[]> {
  return ((await t.as('auditor').get(`/api/v1/gaps?limit=500${query}`)).json() as { items: GapRow[] }).items;
}

const budgetGap = (rows: GapRow[]) => rows.find((g) => g.rule === 'BUDGET-UNAPPROVED' && g.subject.id === 'bl-2027-ai-training');

describe(`gap register (${testDialect()})`, () => {
  it('a run opens every detected gap; a second run keeps their identity', async () => {
    const first = await run();
    expect(first.register.opened).toBeGreaterThanOrEqual(10);
    const before = await gaps();
    const second = await run();
    expect(second.register.opened).toBe(0);
    expect(second.register.stillOpen).toBe(first.register.opened);
    const after = await gaps();
    expect(after.map((g) => g.id).sort()).toEqual(before.map((g) => g.id).sort());
  });

  it('a fixed weakness is resolved by analysis with the time, kept, and reopens when it returns', async () => {
    const api = t.as('admin');
    const line = ((await api.get('/api/v1/budget-lines?q=training')).json() as { items: { id: string; version: number }[] }).items[0]!;
    const gap = budgetGap(await gaps())!;
    expect(gap.status).toBe('open');

    await api.patch(`/api/v1/budget-lines/${line.id}`, {
      version: line.version,
      approval: { by: 'CFO', at: '2027-01-10', evidence: 'minutes 2027-01' },
    });
    expect((await run()).register.resolved).toBe(1);
    const resolved = budgetGap(await gaps('&status=resolved'))!;
    expect(resolved).toMatchObject({ id: gap.id, status: 'resolved', resolvedBy: 'analysis' });
    expect(resolved.resolvedAt).toBeTruthy();

    await api.patch(`/api/v1/budget-lines/${line.id}`, { version: line.version + 1, approval: null });
    expect((await run()).register.reopened).toBe(1);
    const reopened = budgetGap(await gaps())!;
    expect(reopened).toMatchObject({ id: gap.id, status: 'open', timesReopened: 1, resolvedAt: null });

    const detail = (await t.as('auditor').get(`/api/v1/gaps/${gap.id}`)).json() as { history: { kind: string }[] };
    expect(detail.history.map((h) => h.kind)).toEqual(['detected', 'resolved-by-analysis', 'reopened']);
  });

  it('keeps owner, remediation and target date across runs, and shows overdue remediation', async () => {
    const gap = budgetGap(await gaps())!;
    const edit = await t.as('compliance_lead').patch(`/api/v1/gaps/${gap.id}`, {
      version: gap.version,
      owner: 'oliver-grant',
      remediationAction: 'Get the CFO to approve the training budget',
      targetDate: '2026-11-30',
      status: 'in-progress',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    await run();
    const kept = budgetGap(await gaps())! as GapRow & { owner: string; remediationAction: string };
    expect(kept).toMatchObject({
      owner: 'oliver-grant',
      status: 'in-progress',
      overdue: true,
      remediationAction: 'Get the CFO to approve the training budget',
    });
    const overdue = await gaps('&overdue=true');
    expect(overdue.map((g) => g.id)).toEqual([gap.id]);
  });

  it('guards edits: version, closing evidence to resolve, approver for risk acceptance, contributors on their own gaps', async () => {
    const gap = budgetGap(await gaps())!;
    const lead = t.as('compliance_lead');
    expect((await lead.patch(`/api/v1/gaps/${gap.id}`, { version: gap.version - 1, status: 'open' })).statusCode).toBe(409);
    const noEvidence = await lead.patch(`/api/v1/gaps/${gap.id}`, { version: gap.version, status: 'resolved' });
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().error.message).toMatch(/closing evidence/);
    expect((await lead.patch(`/api/v1/gaps/${gap.id}`, { version: gap.version, status: 'risk-accepted' })).statusCode).toBe(403);
    // The contributor is linked to oliver-grant, who owns this gap.
    const own = await t
      .as('contributor')
      .patch(`/api/v1/gaps/${gap.id}`, { version: gap.version, remediationAction: 'Budget memo drafted' });
    expect(own.statusCode, own.body).toBe(200);
    const other = (await gaps()).find((g) => g.id !== gap.id)!;
    expect(
      (await t.as('contributor').patch(`/api/v1/gaps/${other.id}`, { version: other.version, remediationAction: 'x' })).statusCode,
    ).toBe(403);
    expect((await t.as('auditor').patch(`/api/v1/gaps/${gap.id}`, { version: gap.version + 1, remediationAction: 'x' })).statusCode).toBe(
      403,
    );
    const accepted = await t.as('admin').patch(`/api/v1/gaps/${other.id}`, { version: other.version, status: 'risk-accepted' });
    expect(accepted.statusCode).toBe(200);
    await run();
    expect((await gaps('&status=risk-accepted')).map((g) => g.id)).toEqual([other.id]);
  });

  it('records manual gaps, which analysis never resolves', async () => {
    const created = await t.as('compliance_lead').post('/api/v1/gaps', {
      severity: 'medium',
      subject: { kind: 'organization', id: 'org', name: 'Whole organization' },
      explanation: 'Internal audit found no documented escalation path for AIMS workload spikes.',
      targetDate: '2027-03-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ source: 'manual', rule: 'MANUAL', status: 'open' });
    await run();
    expect((await gaps('&source=manual')).map((g) => g.status)).toEqual(['open']);
  });

  it('auditors read the analysis and the register but cannot run a recorded analysis', async () => {
    expect((await t.as('auditor').get('/api/v1/analysis?period=2027Q1&asOf=2027-01-15')).statusCode).toBe(200);
    expect((await t.as('auditor').post('/api/v1/analysis/runs', AS_OF)).statusCode).toBe(403);
    const runs = (await t.as('auditor').get('/api/v1/analysis/runs')).json() as { items: { id: string; period: string }[] };
    expect(runs.items.length).toBeGreaterThan(3);
    const one = (await t.as('auditor').get(`/api/v1/analysis/runs/${runs.items[0]!.id}`)).json() as { result: { gaps: unknown[] } };
    expect(one.result.gaps.length).toBeGreaterThan(0);
  });
});
