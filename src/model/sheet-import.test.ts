import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';
import { testDialect } from '../test/db.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seedCatalog: true });
});
afterAll(async () => {
  await t.close();
});

async function peopleXlsx(rows: (string | number | { formula: string })[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('People');
  ws.addRow(['Key', 'Name', 'Title', 'Competences', 'AIMS hours per week']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(kind: string, body: Buffer, contentType: string, dryRun: boolean) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/import/${kind}?dryRun=${dryRun}`,
    headers: { cookie: t.org.cookies.compliance_lead, 'content-type': contentType },
    payload: body,
  });
}

async function auditCount(): Promise<number> {
  const rows = await t.ctx.db.kysely.selectFrom('audit_log').select('seq').where('org_id', '=', t.org.id).execute();
  return rows.length;
}

describe(`spreadsheet import (${testDialect()})`, () => {
  it('stores a formula cell such as =HYPERLINK(...) as literal text; a dry run changes nothing', async () => {
    const file = await peopleXlsx([
      ['ana', 'Ana Ferreira', { formula: 'HYPERLINK("http://x","y")' }, 'model-validation:3', 6],
      ['bo', 'Bo Lind', '+1 analyst', 'data-protection:2:training', 4],
    ]);
    const before = await auditCount();
    const dry = await upload('person', file, XLSX, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      applied: false,
      ok: true,
      create: [
        { row: 2, key: 'ana' },
        { row: 3, key: 'bo' },
      ],
    });
    expect((await t.as('auditor').get('/api/v1/people')).json()).toMatchObject({ total: 0 });
    expect(await auditCount()).toBe(before);

    const applied = await upload('person', file, XLSX, false);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true });
    const people = (await t.as('auditor').get('/api/v1/people?sort=key')).json() as { items: { key: string; title: string }[] };
    expect(people.items.map((p) => [p.key, p.title])).toEqual([
      ['ana', '=HYPERLINK("http://x","y")'],
      ['bo', '+1 analyst'],
    ]);
    expect(await auditCount()).toBe(before + 2);
  });

  it('dry-runs an update with the changed fields, and applies nothing when any row is wrong', async () => {
    const csv = Buffer.from(
      'key,name,aimsHoursPerWeek,competences\nana,Ana Ferreira,8,model-validation:3\ncy,Cy Doe,4,telepathy:2\ndee,Dee,abc,\n',
    );
    const dry = await upload('person', csv, 'text/csv', true);
    const body = dry.json() as {
      ok: boolean;
      update: { key: string; changes: { field: string }[] }[];
      errors: { row: number; column: string }[];
    };
    expect(body.ok).toBe(false);
    expect(body.update).toEqual([
      expect.objectContaining({ key: 'ana', changes: [expect.objectContaining({ field: 'aimsHoursPerWeek' })] }),
    ]);
    expect(body.errors.map((e) => e.row).sort()).toEqual([3, 4]);
    const before = await auditCount();
    const apply = await upload('person', csv, 'text/csv', false);
    expect(apply.statusCode).toBe(422);
    expect(apply.json().error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^row 3/), expect.stringMatching(/^row 4/)]),
    );
    expect(await auditCount()).toBe(before);
    const ana = (await t.as('auditor').get('/api/v1/people?q=ana')).json() as { items: { aimsHoursPerWeek: number }[] };
    expect(ana.items[0]!.aimsHoursPerWeek).toBe(6);
  });

  it('refuses writes from auditors and offers a template', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import/tool?dryRun=true',
      headers: { cookie: t.org.cookies.auditor, 'content-type': 'text/csv' },
      payload: 'key,name,category\n',
    });
    expect(res.statusCode).toBe(403);
    const template = await t.as('auditor').get('/api/v1/import/ai-system/template.csv');
    expect(template.body.split(',')).toEqual(expect.arrayContaining(['key', 'name', 'riskTier']));
  });
});
