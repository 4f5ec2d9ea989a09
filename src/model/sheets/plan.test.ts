import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/catalogue.js';
import { personSchema, thirdPartySchema, toolSchema, type Person, type ThirdParty, type Tool } from '../schema.js';
import type { SheetItem, SheetKind } from './columns.js';
import { parseSheet } from './parse.js';
import { planSheetImport, sameValue, sheetImportError } from './plan.js';

import { TODAY, csv, xlsx } from './test-helpers.js';

const parsed = <K extends SheetKind>(kind: K, text: string) => parseSheet({ data: csv(text), format: 'csv', kind, today: TODAY });
const byKey = <T extends { key: string }>(...items: T[]): Map<string, T> => new Map(items.map((i) => [i.key, i]));
const plan = async <K extends SheetKind>(kind: K, existing: Map<string, SheetItem<K>>, text: string) =>
  planSheetImport(kind, existing, await parsed(kind, text));

const alice: Person = personSchema.parse({
  key: 'alice',
  name: 'Alice',
  team: 'Risk',
  title: 'Lead',
  aimsHoursPerWeek: 10,
  competences: [{ competence: 'privacy', level: 2, basis: 'training', evidence: 'cert-123' }],
  absences: [{ from: '2027-02-01', to: '2027-02-14', reason: 'leave' }],
  authorities: ['stop-launch'],
});
const bob: Person = personSchema.parse({ key: 'bob', name: 'Bob', team: 'Data', aimsHoursPerWeek: 4 });

describe('planSheetImport', () => {
  it('sorts rows into create, update (with changes) and unchanged', async () => {
    const p = await plan(
      'person',
      byKey(alice, bob),
      ['key,name,team,aimsHoursPerWeek', 'alice,Alice,Governance,12', 'bob,Bob,Data,4', 'carol,Carol,Risk,6'].join('\n'),
    );
    expect(p.ok).toBe(true);
    expect(p.errors).toEqual([]);
    expect(p.create).toEqual([
      { rowNumber: 4, key: 'carol', item: personSchema.parse({ key: 'carol', name: 'Carol', team: 'Risk', aimsHoursPerWeek: 6 }) },
    ]);
    expect(p.unchanged).toEqual([{ rowNumber: 3, key: 'bob' }]);
    expect(p.update).toHaveLength(1);
    expect(p.update[0]).toMatchObject({ rowNumber: 2, key: 'alice' });
    expect(p.update[0]?.changes).toEqual([
      { field: 'team', from: 'Risk', to: 'Governance' },
      { field: 'aimsHoursPerWeek', from: 10, to: 12 },
    ]);
    expect(sheetImportError(p)).toBeNull();
  });

  it('keeps the existing values of fields with no column, and re-validates the merge', async () => {
    // No aimsHoursPerWeek column: fine for an update (kept), a required column for a new person.
    const p = await plan('person', byKey(alice), ['Key,Name,Team', 'alice,Alice,Governance', 'dave,Dave,Risk'].join('\n'));
    expect(p.update[0]?.item).toEqual({ ...alice, team: 'Governance' });
    expect(p.update[0]?.changes).toEqual([{ field: 'team', from: 'Risk', to: 'Governance' }]);
    expect(p.create).toEqual([]);
    expect(p.errors).toEqual([
      { row: 3, column: 'aimsHoursPerWeek', message: 'required: add a "aimsHoursPerWeek" column (a new person needs it)' },
    ]);
    expect(p.ok).toBe(false);
  });

  it('resets a field to its default when its cell is blank, and refuses a blank required field', async () => {
    const p = await plan('person', byKey(alice, bob), ['key,name,title,aimsHoursPerWeek', 'alice,Alice,,10', 'bob,Bob,,'].join('\n'));
    expect(p.update[0]?.changes).toEqual([{ field: 'title', from: 'Lead', to: '' }]);
    expect(p.errors).toEqual([{ row: 3, column: 'aimsHoursPerWeek', message: 'required: must not be blank' }]);
  });

  it('reports validation errors of the merged item on the row and column', async () => {
    const p = await plan('person', byKey(alice), 'key,name,AIMS hours per week\nalice,Alice,-3\n');
    expect(p.errors).toEqual([{ row: 2, column: 'AIMS hours per week', message: expect.stringMatching(/too small/i) as unknown }]);
    expect(p.update).toEqual([]);
  });

  it('keeps cell errors and duplicate keys for rows that update', async () => {
    const p = await plan('person', byKey(alice), ['key,name,afterHours', 'alice,Alice,perhaps', 'bob,Bob,yes', 'bob,Bob,no'].join('\n'));
    expect(p.errors).toEqual([
      { row: 2, column: 'afterHours', message: 'expected true/false, yes/no, y/n or 1/0, got "perhaps"' },
      { row: 3, column: 'key', message: expect.stringContaining('duplicate key "bob": also on row 4') as unknown },
      { row: 3, column: 'aimsHoursPerWeek', message: expect.stringContaining('required') as unknown },
      { row: 4, column: 'key', message: expect.stringContaining('duplicate key "bob": also on row 3') as unknown },
      { row: 4, column: 'aimsHoursPerWeek', message: expect.stringContaining('required') as unknown },
    ]);
    expect(p.ok).toBe(false);
  });

  it('ignores extra properties of the existing rows (e.g. a database version)', async () => {
    const stored = { ...bob, version: 7 } as Person;
    const p = await plan('person', byKey(stored), 'key,name,team\nbob,Bob,Data\n');
    expect(p.unchanged).toEqual([{ rowNumber: 2, key: 'bob' }]);
  });

  it('carries competence evidence and absence reasons over for matching entries', async () => {
    const p = await plan(
      'person',
      byKey(alice),
      'key,name,competences,absences\nalice,Alice,privacy:3:training; law:1,2027-02-01..2027-02-14; 2027-03-01..2027-03-02\n',
    );
    const item = p.update[0]?.item;
    expect(item?.competences).toEqual([
      { competence: 'privacy', level: 3, basis: 'training', evidence: 'cert-123', validUntil: null },
      { competence: 'law', level: 1, basis: 'experience', evidence: '', validUntil: null },
    ]);
    expect(item?.absences).toEqual([
      { from: '2027-02-01', to: '2027-02-14', reason: 'leave' },
      { from: '2027-03-01', to: '2027-03-02', reason: '' },
    ]);
    expect(p.update[0]?.changes.map((c) => c.field)).toEqual(['competences', 'absences']);
  });

  it('is unchanged when the sheet restates the existing values, whatever the key order', async () => {
    const p = await plan(
      'person',
      byKey(alice),
      'name,key,authorities,competences,absences,team\nAlice,alice,Stop-Launch,privacy:2:training,2027-02-01..2027-02-14,Risk\n',
    );
    expect(p.unchanged).toEqual([{ rowNumber: 2, key: 'alice' }]);
    expect(p.update).toEqual([]);
  });

  describe('third parties', () => {
    const llm: ThirdParty = thirdPartySchema.parse({
      key: 'llm-co',
      name: 'LLM Co',
      kind: 'model-provider',
      criticality: 'high',
      contracts: [
        { reference: 'MSA-1', start: '2025-01-01', deliverables: ['model access'], confidentiality: true },
        { reference: 'DPA-1', kind: 'dpa', start: '2025-01-01' },
      ],
      dueDiligence: { last: '2026-01-01', nextDue: '2027-01-01', result: 'satisfactory' },
    });

    it("updates the contract with the row's reference in place, keeping its other fields and the other contracts", async () => {
      const p = await plan(
        'third-party',
        byKey(llm),
        'key,name,contractReference,contractEnd,sla,ddResult\nllm-co,LLM Co,MSA-1,2027-12-31,99.9%,conditional\n',
      );
      expect(p.ok).toBe(true);
      const item = p.update[0]?.item;
      expect(item?.contracts).toEqual([
        {
          reference: 'MSA-1',
          kind: 'contract',
          start: '2025-01-01',
          end: '2027-12-31',
          deliverables: ['model access'],
          sla: '99.9%',
          confidentiality: true,
        },
        llm.contracts[1],
      ]);
      expect(item?.dueDiligence).toEqual({ last: '2026-01-01', nextDue: '2027-01-01', result: 'conditional' });
      expect(p.update[0]?.changes).toEqual([
        { field: 'contracts', from: llm.contracts, to: item?.contracts },
        { field: 'dueDiligence.result', from: 'satisfactory', to: 'conditional' },
      ]);
    });

    it('adds a contract with a new reference; blank contract cells leave contracts alone', async () => {
      const p = await plan(
        'third-party',
        byKey(llm, { ...llm, key: 'other', contracts: [] }),
        'key,name,contractReference,contractStart\nllm-co,LLM Co,SOW-9,2027-01-01\nother,LLM Co,,\n',
      );
      expect(p.update[0]?.item.contracts.map((c) => c.reference)).toEqual(['MSA-1', 'DPA-1', 'SOW-9']);
      expect(p.unchanged).toEqual([{ rowNumber: 3, key: 'other' }]);
    });

    it('validates the merged contract', async () => {
      const p = await plan('third-party', byKey(llm), 'key,name,Contract reference,Contract end\nllm-co,LLM Co,MSA-1,2024-12-31\n');
      expect(p.errors).toEqual([{ row: 2, column: 'Contract end', message: 'start must not be after end' }]);
    });
  });

  it('merges tool access and keeps absent columns', async () => {
    const tool: Tool = toolSchema.parse({ key: 'inv', name: 'Inventory', category: 'inventory', seats: 10, free: true });
    const p = await plan('tool', byKey(tool), 'key,name,access\ninv,Inventory,alice@2026-12-01; bob\n');
    expect(p.update[0]?.item).toEqual({
      ...tool,
      access: [
        { person: 'alice', granted: '2026-12-01', lastReviewed: null },
        { person: 'bob', granted: TODAY, lastReviewed: null },
      ],
    });
  });

  it('includes sheet errors and turns a failed plan into an UNPROCESSABLE error', async () => {
    const p = await plan('ai-system', new Map(), 'key,name,Risk level\nx,X,high\n');
    expect(p.ok).toBe(false);
    expect(p.errors).toEqual([{ row: null, column: null, message: expect.stringContaining('unknown column "Risk level"') as unknown }]);
    const error = sheetImportError(p);
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('UNPROCESSABLE');
    expect(error?.httpStatus).toBe(422);
    expect(error?.issues).toEqual([{ path: 'sheet', message: p.errors[0]?.message }]);

    const rowPlan = await plan('person', new Map(), 'key,name,aimsHoursPerWeek\nx,X,lots\n');
    expect(sheetImportError(rowPlan)?.issues).toEqual([
      { path: 'row 2, aimsHoursPerWeek', message: 'expected a plain number such as 12 or 2.5, got "lots"' },
    ]);
    expect(sheetImportError(rowPlan)?.message).toBe('The person sheet has 1 problem; fix it in the sheet and import it again.');
  });

  it('works on a parsed workbook as well', async () => {
    const data = await xlsx([
      ['Key', 'Name', 'Title'],
      ['alice', 'Alice', { formula: 'HYPERLINK("http://x","y")', result: 'y' }],
    ]);
    const p = planSheetImport('person', byKey(alice), await parseSheet({ data, format: 'xlsx', kind: 'person', today: TODAY }));
    expect(p.update[0]?.changes).toEqual([{ field: 'title', from: 'Lead', to: '=HYPERLINK("http://x","y")' }]);
  });

  it('sameValue compares JSON-like data deeply, ignoring key order', () => {
    expect(sameValue({ a: [1, { b: 2, c: null }] }, { a: [1, { c: null, b: 2 }] })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameValue(null, {})).toBe(false);
  });
});
