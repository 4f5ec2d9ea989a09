import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/catalogue.js';
import type { Person } from '../schema.js';
import { SHEET_LIMITS, columnLetter, detectDelimiter, parseSheet, zipDeclaredSize, type SheetParseResult } from './parse.js';
import type { SheetKind } from './columns.js';

import { TODAY, csv, xlsx } from './test-helpers.js';

const parseCsv = <K extends SheetKind>(kind: K, text: string) => parseSheet({ data: csv(text), format: 'csv', kind, today: TODAY });
const parseXlsx = async <K extends SheetKind>(kind: K, rows: ExcelJS.CellValue[][], setup?: (s: ExcelJS.Worksheet) => void) =>
  parseSheet({ data: await xlsx(rows, setup), format: 'xlsx', kind, today: TODAY });

/** The row errors of a result, without the stage. */
const rowErrors = (r: SheetParseResult) =>
  r.rows.flatMap((row) => row.errors.map(({ row: n, column, message }) => ({ row: n, column, message })));
const item = <K extends SheetKind>(r: SheetParseResult<K>, i = 0) => {
  expect(r.sheetErrors).toEqual([]);
  expect(r.rows[i]?.errors).toEqual([]);
  return r.rows[i]?.item;
};

const ALICE: Person = {
  key: 'alice',
  name: 'Alice Martin',
  email: 'alice@example.com',
  title: 'AI governance lead',
  team: 'Risk',
  employmentType: 'contractor',
  competences: [
    { competence: 'privacy', level: 3, basis: 'experience', evidence: '', validUntil: null },
    { competence: 'ml-eval', level: 2, basis: 'training', evidence: '', validUntil: '2027-06-30' },
  ],
  aimsHoursPerWeek: 12.5,
  absences: [
    { from: '2027-02-01', to: '2027-02-14', reason: '' },
    { from: '2027-05-02', to: '2027-05-02', reason: '' },
  ],
  authorities: ['stop-launch', 'approve-budget'],
  afterHours: true,
  retired: false,
};

describe('parseSheet: CSV', () => {
  it('reads a person by labels, with every nested encoding', async () => {
    const r = await parseCsv(
      'person',
      [
        'Key,Name,E-mail,Job title,Team,Employment type,Competences,AIMS hours per week,Absences,Authorities,After hours,Retired',
        'alice,Alice Martin,alice@example.com,AI governance lead,Risk,Contractor,privacy:3; ml-eval:2:training:2027-06-30,12.5,2027-02-01..2027-02-14; 2027-05-02,stop-launch;approve-budget,yes,n',
      ].join('\n'),
    );
    expect(r.columns.map((c) => c.name)).toEqual([
      'key',
      'name',
      'email',
      'title',
      'team',
      'employmentType',
      'competences',
      'aimsHoursPerWeek',
      'absences',
      'authorities',
      'afterHours',
      'retired',
    ]);
    expect(r.rows[0]).toMatchObject({ rowNumber: 2, key: 'alice' });
    expect(item(r)).toEqual(ALICE);
  });

  it('reads field-name headers and applies schema defaults to absent columns', async () => {
    const r = await parseCsv('person', 'key,name,aimsHoursPerWeek\nbob,Bob,4\n');
    expect(item(r)).toEqual({
      key: 'bob',
      name: 'Bob',
      email: '',
      title: '',
      team: '',
      employmentType: 'employee',
      competences: [],
      aimsHoursPerWeek: 4,
      absences: [],
      authorities: [],
      afterHours: false,
      retired: false,
    });
  });

  it('detects a ";" delimiter and strips a UTF-8 BOM', async () => {
    const text = '\uFEFFkey;name;team;aimsHoursPerWeek;competences\r\nalice;"Martin, Alice";Risk;2.5;"privacy:3; law:2"\r\n';
    const r = await parseCsv('person', text);
    expect(r.columns[0]).toEqual({ name: 'key', header: 'key', index: 0 });
    expect(item(r)).toMatchObject({
      key: 'alice',
      name: 'Martin, Alice',
      aimsHoursPerWeek: 2.5,
      competences: [
        { competence: 'privacy', level: 3 },
        { competence: 'law', level: 2 },
      ],
    });
  });

  it('keeps BOM-prefixed comma CSV working too', async () => {
    const r = await parseCsv('person', '\uFEFFKey,Name,Hours per week\nbob,Bob,1\n');
    expect(item(r)).toMatchObject({ key: 'bob', aimsHoursPerWeek: 1 });
  });

  it('keeps cells starting with =, +, -, @ as literal text', async () => {
    const r = await parseCsv(
      'person',
      'key,name,title,team,aimsHoursPerWeek\n' + 'alice,"=HYPERLINK(""http://x"",""y"")",+1,@x,2\n' + 'bob,-x,-3,=1+1,3\n',
    );
    expect(item(r, 0)).toMatchObject({ name: '=HYPERLINK("http://x","y")', title: '+1', team: '@x' });
    expect(item(r, 1)).toMatchObject({ name: '-x', title: '-3', team: '=1+1' });
  });

  it('reads -3 in a number column as a number and lets the schema refuse it', async () => {
    const r = await parseCsv('person', 'key,name,AIMS hours per week\nalice,Alice,-3\n');
    expect(rowErrors(r)).toEqual([{ row: 2, column: 'AIMS hours per week', message: expect.stringMatching(/too small/i) as unknown }]);
    expect(r.rows[0]?.values['aimsHoursPerWeek']).toBe(-3);
  });

  it('skips blank rows but keeps the row numbers the user sees', async () => {
    const r = await parseCsv('person', 'key,name,aimsHoursPerWeek\n\nalice,Alice,1\n,,\n  ,\t,\nbob,Bob,x\n\n');
    expect(r.rows.map((row) => [row.rowNumber, row.key])).toEqual([
      [3, 'alice'],
      [6, 'bob'],
    ]);
    expect(rowErrors(r)).toEqual([{ row: 6, column: 'aimsHoursPerWeek', message: 'expected a plain number such as 12 or 2.5, got "x"' }]);
    expect(r.rows[1]?.item).toBeNull();
  });

  it('counts a quoted multi-line cell as one row, as a spreadsheet shows it', async () => {
    const r = await parseCsv('person', 'key,name,title,aimsHoursPerWeek\nalice,Alice,"Lead,\nAI risk",1\nbob,Bob,,x\n');
    expect(item(r, 0)).toMatchObject({ title: 'Lead,\nAI risk' });
    expect(rowErrors(r)).toEqual([{ row: 3, column: 'aimsHoursPerWeek', message: 'expected a plain number such as 12 or 2.5, got "x"' }]);
  });

  it('reports row errors with row numbers and column headers', async () => {
    const r = await parseCsv(
      'ai-system',
      [
        'Key,Name,AI role,Risk tier,Lifecycle stage,In scope,Exclusion justification,Major changes per year,Builders',
        'chatbot,Support chatbot,deployer,high,deployed,yes,,2,alice',
        'Bad Key,,deployer,severe,deployed,maybe,,x,alice',
        'scorer,Credit scorer,provider,critical,approved,yes,not needed,1,Alice',
      ].join('\n'),
    );
    expect(r.sheetErrors).toEqual([]);
    expect(r.rows[0]?.item).toMatchObject({ key: 'chatbot', riskTier: 'high', inScope: true, builders: ['alice'] });
    expect(rowErrors(r)).toEqual([
      { row: 3, column: 'Key', message: expect.stringContaining('expected a key') as unknown },
      { row: 3, column: 'Name', message: 'required: must not be blank' },
      { row: 3, column: 'Risk tier', message: '"severe" is not allowed; use one of: low, medium, high, critical' },
      { row: 3, column: 'In scope', message: 'expected true/false, yes/no, y/n or 1/0, got "maybe"' },
      { row: 3, column: 'Major changes per year', message: 'expected a plain number such as 12 or 2.5, got "x"' },
      { row: 4, column: 'Exclusion justification', message: 'only a system outside the scope takes an exclusion justification' },
      { row: 4, column: 'Builders', message: expect.stringMatching(/^entry 1: expected a key/) as unknown },
    ]);
    expect(r.rows[1]?.key).toBe('Bad Key');
  });

  it('says which required column a new row needs', async () => {
    const r = await parseCsv('ai-system', 'key,name,riskTier\nchatbot,Chatbot,low\n');
    expect(rowErrors(r)).toEqual([
      { row: 2, column: 'aiRole', message: 'required: add a "aiRole" column (a new AI system needs it)' },
      { row: 2, column: 'lifecycleStage', message: 'required: add a "lifecycleStage" column (a new AI system needs it)' },
    ]);
  });

  it('reports an unknown header, naming it and listing the accepted ones', async () => {
    const r = await parseCsv('tool', 'key,name,category,Colour,vendor\nx,X,other,red,acme\n');
    expect(r.rows).toEqual([]);
    expect(r.sheetErrors).toHaveLength(1);
    expect(r.sheetErrors[0]).toContain('unknown columns "Colour", "vendor" in a tool sheet');
    expect(r.sheetErrors[0]).toContain('Accepted columns: key, name, category, activities, seats, access, owner, budgetLine (Budget line)');
  });

  it('requires key and name columns', async () => {
    const r = await parseCsv('person', 'Title,aimsHoursPerWeek\nx,1\n');
    expect(r.sheetErrors).toEqual(['a person sheet needs a "key" column', 'a person sheet needs a "name" column']);
  });

  it('refuses two headers meaning the same field, and values without a header', async () => {
    const dup = await parseCsv('ai-system', 'key,name,Risk tier,riskTier\nx,X,low,low\n');
    expect(dup.sheetErrors).toEqual(['columns "Risk tier", "riskTier" (C and D) both mean riskTier; keep one']);
    const headerless = await parseCsv('person', 'key,name,,aimsHoursPerWeek\nx,X,oops,1,extra\n');
    expect(headerless.sheetErrors).toEqual(['columns C, E hold values but have no header; add the header or clear them']);
    const trailing = await parseCsv('person', 'key,name,aimsHoursPerWeek,\nx,X,1,\n');
    expect(trailing.sheetErrors).toEqual([]);
  });

  it('flags every row of a duplicate key', async () => {
    const r = await parseCsv('person', 'Key,name,aimsHoursPerWeek\nalice,A,1\nbob,B,1\nalice,A2,1\nalice,A3,1\n');
    expect(rowErrors(r)).toEqual([
      { row: 2, column: 'Key', message: expect.stringContaining('duplicate key "alice": also on rows 4, 5') as unknown },
      { row: 4, column: 'Key', message: expect.stringContaining('also on rows 2, 5') as unknown },
      { row: 5, column: 'Key', message: expect.stringContaining('also on rows 2, 4') as unknown },
    ]);
    expect(r.rows.map((row) => row.item?.key ?? null)).toEqual([null, 'bob', null, null]);
  });

  it('reads tool access with the import date as the default grant', async () => {
    const r = await parseCsv(
      'tool',
      'key,name,category,access,seats,free,Licence expires\ninv,Inventory,Inventory,alice@2026-12-01@2027-01-10; bob,5,no,2027-12-31\n',
    );
    expect(item(r)).toMatchObject({
      category: 'inventory',
      seats: 5,
      free: false,
      licenceExpires: '2027-12-31',
      access: [
        { person: 'alice', granted: '2026-12-01', lastReviewed: '2027-01-10' },
        { person: 'bob', granted: TODAY, lastReviewed: null },
      ],
    });
  });

  it('reads a third party with one contract and due diligence per row', async () => {
    const r = await parseCsv(
      'third-party',
      [
        'key,name,kind,criticality,aiSystems,contractReference,contractKind,contractStart,contractEnd,sla,ddLast,ddNextDue,ddResult',
        'llm-co,LLM Co,model-provider,high,chatbot;scorer,MSA-7,SOW,2026-01-01,2027-12-31,99.9% uptime,2026-06-01,2027-06-01,Conditional',
        'assessor,Assessor,external-assessor,medium,,,,,,,,,',
        'bad,Bad,counsel,low,,,,2026-01-01,2025-01-01,,,,',
        'worse,Worse,counsel,low,,C-1,nda,2026-01-01,2025-01-01,,,2027-01-01,excellent',
      ].join('\n'),
    );
    expect(item(r, 0)).toEqual({
      key: 'llm-co',
      name: 'LLM Co',
      kind: 'model-provider',
      criticality: 'high',
      aiSystems: ['chatbot', 'scorer'],
      activities: [],
      owner: null,
      contracts: [
        {
          reference: 'MSA-7',
          kind: 'sow',
          start: '2026-01-01',
          end: '2027-12-31',
          deliverables: [],
          sla: '99.9% uptime',
          confidentiality: false,
        },
      ],
      dueDiligence: { last: '2026-06-01', nextDue: '2027-06-01', result: 'conditional' },
      retired: false,
    });
    expect(item(r, 1)).toMatchObject({ contracts: [], dueDiligence: { last: null, nextDue: null, result: 'pending' } });
    expect(rowErrors(r)).toEqual([
      { row: 4, column: 'contractReference', message: 'required when the row gives a contract' },
      { row: 5, column: 'contractEnd', message: 'start must not be after end' },
      { row: 5, column: 'ddResult', message: '"excellent" is not allowed; use one of: pending, satisfactory, conditional, unsatisfactory' },
    ]);
  });

  it('wants a contractReference column with other contract columns', async () => {
    const r = await parseCsv('third-party', 'key,name,kind,criticality,Contract start\nx,X,other,low,2026-01-01\n');
    expect(r.sheetErrors).toEqual(['contract columns ("Contract start") need a "contractReference" column too']);
  });

  it('reports unreadable files as sheet errors', async () => {
    const latin1 = Buffer.from('key,name,aimsHoursPerWeek\nj,Jos\xe9,1\n', 'latin1');
    const r1 = await parseSheet({ data: latin1, format: 'csv', kind: 'person', today: TODAY });
    expect(r1.sheetErrors).toEqual(['the CSV file is not valid UTF-8 text; save it as "CSV UTF-8" and import it again']);
    const r2 = await parseSheet({ data: Buffer.from('\ufeffkey', 'utf16le'), format: 'csv', kind: 'person', today: TODAY });
    expect(r2.sheetErrors[0]).toContain('UTF-16');
    const r3 = await parseCsv('person', 'key,name\n"open,1\n');
    expect(r3.sheetErrors[0]).toContain('could not be read');
    const r4 = await parseCsv('person', '');
    expect(r4.sheetErrors[0]).toContain('row 1 must hold the column headers');
    const r5 = await parseSheet({ data: csv('key,name\n'), format: 'xlsx', kind: 'person', today: TODAY });
    expect(r5.sheetErrors[0]).toContain('not an .xlsx workbook');
  });

  it('refuses a bad `today`', async () => {
    await expect(parseSheet({ data: csv('key,name\n'), format: 'csv', kind: 'person', today: '15/01/2027' })).rejects.toBeInstanceOf(
      AppError,
    );
  });
});

describe('parseSheet: limits', () => {
  it('refuses files over 5 MB', async () => {
    const data = Buffer.alloc(SHEET_LIMITS.maxBytes + 1, 0x20);
    const r = await parseSheet({ data, format: 'csv', kind: 'person', today: TODAY });
    expect(r.rows).toEqual([]);
    expect(r.sheetErrors).toEqual(['the file is 5.0 MB; the limit is 5 MB — split it into several sheets']);
  });

  it('refuses more than 10,000 data rows (blank rows not counted)', async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `p${i},P,1`);
    const at = await parseCsv('person', ['key,name,aimsHoursPerWeek', ...lines(10_000), '', ','].join('\n'));
    expect(at.sheetErrors).toEqual([]);
    expect(at.rows).toHaveLength(10_000);
    const over = await parseCsv('person', ['key,name,aimsHoursPerWeek', ...lines(10_001)].join('\n'));
    expect(over.rows).toEqual([]);
    expect(over.sheetErrors).toEqual(['the sheet has more than 10,000 data rows; the limit is 10,000 — split it']);
  });

  it('refuses more than 10,000 data rows in a workbook', async () => {
    const rows = [['key', 'name', 'aimsHoursPerWeek'], ...Array.from({ length: 10_001 }, (_, i) => [`p${i}`, 'P', 1])];
    const r = await parseXlsx('person', rows);
    expect(r.sheetErrors).toEqual(['the sheet has more than 10,000 data rows; the limit is 10,000 — split it']);
  });

  it('refuses a workbook declaring a huge uncompressed size (ZIP bomb)', async () => {
    const real = await xlsx([['key', 'name']]);
    expect(zipDeclaredSize(real)).toBeGreaterThan(0);
    // A ZIP whose only central-directory entry claims 4 GB − 2 bytes.
    const central = Buffer.alloc(46 + 1);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(0xfffffffe, 24);
    central.writeUInt16LE(1, 28);
    central.write('x', 46);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length, 12);
    eocd.writeUInt32LE(0, 16);
    const bomb = Buffer.concat([central, eocd]);
    expect(zipDeclaredSize(bomb)).toBe(0xfffffffe);
    const r = await parseSheet({ data: bomb, format: 'xlsx', kind: 'person', today: TODAY });
    expect(r.sheetErrors[0]).toContain('unpacks to more than 100 MB');
  });
});

describe('parseSheet: XLSX', () => {
  it('takes a formula cell as its literal formula text, never its result', async () => {
    const r = await parseXlsx('person', [
      ['key', 'name', 'title', 'aimsHoursPerWeek'],
      ['alice', 'Alice', { formula: 'HYPERLINK("http://x","y")', result: 'y' }, 2],
      ['bob', 'Bob', { formula: '1+1', result: 2 }, 3],
    ]);
    expect(item(r, 0)).toMatchObject({ title: '=HYPERLINK("http://x","y")' });
    expect(item(r, 1)).toMatchObject({ title: '=1+1' });
  });

  it('keeps a formula in a number column as text, so the row fails rather than evaluating it', async () => {
    const r = await parseXlsx('person', [
      ['key', 'name', 'aimsHoursPerWeek'],
      ['alice', 'Alice', { formula: '4*2', result: 8 }],
    ]);
    expect(rowErrors(r)).toEqual([
      {
        row: 2,
        column: 'aimsHoursPerWeek',
        message: 'expected a plain number such as 12 or 2.5, got "=4*2" (formulas are not evaluated: type the value itself)',
      },
    ]);
  });

  it('reads shared formulas as their own formula text', async () => {
    const r = await parseXlsx(
      'person',
      [
        ['key', 'name', 'team', 'aimsHoursPerWeek'],
        ['alice', 'Alice', null, 1],
        ['bob', 'Bob', null, 1],
      ],
      (sheet) => {
        const master = { formula: 'A2&"-team"', result: 'alice-team', shareType: 'shared', ref: 'C2:C3' };
        sheet.getCell('C2').value = master;
        sheet.getCell('C3').value = { sharedFormula: 'C2', result: 'bob-team' };
      },
    );
    expect(item(r, 0)).toMatchObject({ team: '=A2&"-team"' });
    expect(item(r, 1)).toMatchObject({ team: '=A3&"-team"' });
  });

  it('keeps +1, @x, -x and =… text cells literally', async () => {
    const r = await parseXlsx('person', [
      ['key', 'name', 'title', 'team', 'email', 'aimsHoursPerWeek'],
      ['alice', '-x', '+1', '@x', '', '-3'],
      ['bob', '=1+1', '-3', '+41 22', null, 1],
    ]);
    expect(r.rows[0]?.values).toMatchObject({ name: '-x', title: '+1', team: '@x', aimsHoursPerWeek: -3 });
    expect(rowErrors(r)).toEqual([{ row: 2, column: 'aimsHoursPerWeek', message: expect.stringMatching(/too small/i) as unknown }]);
    expect(item(r, 1)).toMatchObject({ name: '=1+1', title: '-3', team: '+41 22' });
  });

  it('reads rich text and hyperlinks as their text, dates as YYYY-MM-DD, numbers and booleans as typed', async () => {
    const r = await parseXlsx('tool', [
      ['Key', 'Name', 'Category', 'Seats', 'Free', 'Licence expires', 'Access', 'Owner'],
      [
        'inv',
        { richText: [{ text: 'Model ', font: { bold: true } }, { text: 'Inventory' }] },
        'inventory',
        25,
        true,
        new Date(Date.UTC(2027, 11, 31)),
        'alice@2026-12-01',
        { text: 'alice', hyperlink: 'mailto:alice@example.com' },
      ],
    ]);
    expect(item(r)).toMatchObject({
      name: 'Model Inventory',
      seats: 25,
      free: true,
      licenceExpires: '2027-12-31',
      access: [{ person: 'alice', granted: '2026-12-01', lastReviewed: null }],
      owner: 'alice',
    });
  });

  it('gives every cell of a merged range the value of its top-left cell', async () => {
    const r = await parseXlsx(
      'person',
      [
        ['key', 'name', 'team', 'aimsHoursPerWeek'],
        ['alice', 'Alice', 'Risk', 1],
        ['bob', 'Bob', null, 2],
      ],
      (sheet) => sheet.mergeCells('C2:C3'),
    );
    expect([item(r, 0)?.team, item(r, 1)?.team]).toEqual(['Risk', 'Risk']);
  });

  it('reads a number typed into a text column as its digits', async () => {
    const r = await parseXlsx('person', [
      ['key', 'name', 'team', 'aimsHoursPerWeek'],
      ['alice', 'Alice', 42, 1.5],
    ]);
    expect(item(r)).toMatchObject({ team: '42', aimsHoursPerWeek: 1.5 });
  });

  it('reads only the first worksheet, skips blank rows and keeps sheet row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('People');
    first.getRow(1).values = ['key', 'name', 'aimsHoursPerWeek'];
    first.getRow(2).values = ['alice', 'Alice', 1];
    first.getRow(4).values = ['bob', 'Bob', 'lots'];
    first.getRow(5).getCell(1).value = '   ';
    workbook.addWorksheet('Other').getRow(1).values = ['nonsense'];
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const r = await parseSheet({ data, format: 'xlsx', kind: 'person', today: TODAY });
    expect(r.sheetErrors).toEqual([]);
    expect(r.rows.map((row) => row.rowNumber)).toEqual([2, 4]);
    expect(rowErrors(r)).toEqual([
      { row: 4, column: 'aimsHoursPerWeek', message: 'expected a plain number such as 12 or 2.5, got "lots"' },
    ]);
  });

  it('reports an unknown header in a workbook', async () => {
    const r = await parseXlsx('ai-system', [
      ['key', 'name', 'Risk level'],
      ['x', 'X', 'high'],
    ]);
    expect(r.sheetErrors[0]).toMatch(
      /^unknown column "Risk level" in a AI system sheet; rename or remove it\. Accepted columns: key, name, description/,
    );
    expect(r.sheetErrors[0]).toContain('riskTier (Risk tier)');
  });

  it('needs the header on row 1', async () => {
    const r = await parseXlsx('person', [[], ['key', 'name']]);
    expect(r.sheetErrors[0]).toContain('row 1 must hold the column headers');
  });
});

describe('helpers', () => {
  it('detectDelimiter looks at the header line only, outside quotes', () => {
    expect(detectDelimiter('key;name;team\na,b,c,d,e')).toBe(';');
    expect(detectDelimiter('key,name\na;b;c;d')).toBe(',');
    expect(detectDelimiter('"a;b;c",name\n')).toBe(',');
    expect(detectDelimiter('key')).toBe(',');
  });

  it('columnLetter counts like a spreadsheet', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
