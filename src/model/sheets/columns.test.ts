import { describe, expect, it } from 'vitest';
import { aiSystemSchema, personSchema, thirdPartySchema, toolSchema } from '../schema.js';
import {
  CONTRACT_COLUMNS,
  DUE_DILIGENCE_COLUMNS,
  SHEET_KINDS,
  decodeCell,
  findColumn,
  normalizeHeader,
  sheetColumns,
  sheetTemplate,
  type SheetColumn,
  type SheetKind,
} from './columns.js';

const TODAY = '2027-01-15';

const column = (kind: SheetKind, name: string): SheetColumn => {
  const c = findColumn(kind, name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};
const decode = (kind: SheetKind, name: string, cell: string | number | boolean) => decodeCell(column(kind, name), cell, TODAY);

describe('column sets', () => {
  it('cover every field of each schema', () => {
    const fields = (shape: object) => Object.keys(shape).sort();
    expect(sheetTemplate('person').sort()).toEqual(fields(personSchema.shape));
    expect(sheetTemplate('ai-system').sort()).toEqual(fields(aiSystemSchema.shape));
    expect(sheetTemplate('tool').sort()).toEqual(fields(toolSchema.shape));
    const thirdParty = Object.keys(thirdPartySchema.shape).filter((f) => f !== 'contracts' && f !== 'dueDiligence');
    expect(sheetTemplate('third-party').sort()).toEqual(
      [...thirdParty, ...Object.keys(CONTRACT_COLUMNS), ...Object.keys(DUE_DILIGENCE_COLUMNS)].sort(),
    );
  });

  it('start with key and name', () => {
    for (const kind of SHEET_KINDS) expect(sheetTemplate(kind).slice(0, 2)).toEqual(['key', 'name']);
  });

  it('have no two columns answering to the same header', () => {
    for (const kind of SHEET_KINDS) {
      const seen = new Map<string, string>();
      for (const c of sheetColumns(kind))
        for (const h of new Set([c.name, c.label, ...c.aliases].map(normalizeHeader))) {
          expect(seen.get(h), `${kind}: "${h}" used by ${seen.get(h)} and ${c.name}`).toBeUndefined();
          seen.set(h, c.name);
        }
    }
  });

  it('mark the fields without a default as required', () => {
    expect(
      sheetColumns('person')
        .filter((c) => c.required)
        .map((c) => c.name),
    ).toEqual(['key', 'name', 'aimsHoursPerWeek']);
    expect(
      sheetColumns('ai-system')
        .filter((c) => c.required)
        .map((c) => c.name),
    ).toEqual(['key', 'name', 'aiRole', 'riskTier', 'lifecycleStage']);
  });
});

describe('header matching', () => {
  it.each(['riskTier', 'Risk tier', 'RISK_TIER', 'risk-tier', ' Risk Tier ', 'risktier', 'Risk tier *'])('"%s" means riskTier', (h) => {
    expect(findColumn('ai-system', h)?.name).toBe('riskTier');
  });

  it('accepts labels and aliases', () => {
    expect(findColumn('person', 'AIMS hours per week')?.name).toBe('aimsHoursPerWeek');
    expect(findColumn('person', 'Hours/week')).toBeUndefined();
    expect(findColumn('person', 'hours per week')?.name).toBe('aimsHoursPerWeek');
    expect(findColumn('person', 'E-mail')?.name).toBe('email');
    expect(findColumn('ai-system', 'Critical 24/7')?.name).toBe('critical24x7');
    expect(findColumn('third-party', 'Contract reference')?.name).toBe('contractReference');
    expect(findColumn('third-party', 'DD result')?.name).toBe('ddResult');
    expect(findColumn('third-party', 'dd_next_due')?.name).toBe('ddNextDue');
    expect(findColumn('tool', 'Budget line')?.name).toBe('budgetLine');
    expect(findColumn('tool', 'colour')).toBeUndefined();
  });
});

describe('decodeCell', () => {
  it('keeps text literally, including text that looks like a formula or a number', () => {
    for (const text of ['=1+1', '+1', '-x', '@x', '-3', '=HYPERLINK("http://x","y")'])
      expect(decode('person', 'title', text)).toEqual({ ok: true, value: text });
    expect(decode('person', 'title', 42)).toEqual({ ok: true, value: '42' });
  });

  it('treats a blank cell as not given', () => {
    expect(decode('person', 'title', '   ')).toEqual({ ok: true, value: undefined });
    expect(decode('person', 'aimsHoursPerWeek', '')).toEqual({ ok: true, value: undefined });
  });

  it('reads booleans in every accepted spelling', () => {
    for (const t of ['true', 'TRUE', 'yes', 'Y', '1', 1, true])
      expect(decode('person', 'afterHours', t)).toEqual({ ok: true, value: true });
    for (const f of ['false', 'No', 'n', '0', 0, false]) expect(decode('person', 'afterHours', f)).toEqual({ ok: true, value: false });
    expect(decode('person', 'afterHours', 'maybe')).toMatchObject({ ok: false, message: expect.stringContaining('yes/no') as unknown });
  });

  it('reads plain numbers only', () => {
    expect(decode('person', 'aimsHoursPerWeek', '12')).toEqual({ ok: true, value: 12 });
    expect(decode('person', 'aimsHoursPerWeek', '2.5')).toEqual({ ok: true, value: 2.5 });
    expect(decode('person', 'aimsHoursPerWeek', '-3')).toEqual({ ok: true, value: -3 });
    expect(decode('person', 'aimsHoursPerWeek', 7.5)).toEqual({ ok: true, value: 7.5 });
    for (const bad of ['1,5', '1e3', '+1', '12 h', '0x10', 'Infinity', true])
      expect(decode('person', 'aimsHoursPerWeek', bad)).toMatchObject({ ok: false });
    expect(decode('person', 'aimsHoursPerWeek', '=4*2')).toMatchObject({
      ok: false,
      message: expect.stringContaining('formulas are not evaluated') as unknown,
    });
  });

  it('matches enum values case-insensitively and names the options', () => {
    expect(decode('ai-system', 'riskTier', 'High')).toEqual({ ok: true, value: 'high' });
    expect(decode('ai-system', 'riskTier', 'severe')).toEqual({
      ok: false,
      message: '"severe" is not allowed; use one of: low, medium, high, critical',
    });
  });

  it('splits lists on ";"', () => {
    expect(decode('ai-system', 'builders', ' alice ; bob;; ')).toEqual({ ok: true, value: ['alice', 'bob'] });
    expect(decode('person', 'authorities', 'Stop-Launch; approve-budget')).toEqual({ ok: true, value: ['stop-launch', 'approve-budget'] });
    expect(decode('person', 'authorities', 'stop-launch; veto')).toMatchObject({
      ok: false,
      message: expect.stringContaining('entry 2 ("veto")') as unknown,
    });
  });

  it('reads competences as key:level[:basis[:validUntil]], basis defaulting to experience', () => {
    expect(decode('person', 'competences', 'privacy:3; ml-eval:2:Training:2027-06-30; law:1:education')).toEqual({
      ok: true,
      value: [
        { competence: 'privacy', level: 3, basis: 'experience' },
        { competence: 'ml-eval', level: 2, basis: 'training', validUntil: '2027-06-30' },
        { competence: 'law', level: 1, basis: 'education' },
      ],
    });
    expect(decode('person', 'competences', 'privacy')).toMatchObject({ ok: false });
    expect(decode('person', 'competences', 'privacy:three')).toMatchObject({
      ok: false,
      message: 'entry 1 ("privacy:three"): level must be a whole number from 1 to 4, got "three"',
    });
    expect(decode('person', 'competences', 'privacy:3:osmosis')).toMatchObject({ ok: false });
  });

  it('reads absences as from..to, a single date meaning one day', () => {
    expect(decode('person', 'absences', '2027-02-01..2027-02-14; 2027-05-02')).toEqual({
      ok: true,
      value: [
        { from: '2027-02-01', to: '2027-02-14' },
        { from: '2027-05-02', to: '2027-05-02' },
      ],
    });
    expect(decode('person', 'absences', '2027-02-01..')).toMatchObject({ ok: false });
  });

  it('reads tool access as person[@granted[@lastReviewed]], granted defaulting to today', () => {
    expect(decode('tool', 'access', 'alice@2026-12-01@2027-01-10; bob; carol@2026-11-30')).toEqual({
      ok: true,
      value: [
        { person: 'alice', granted: '2026-12-01', lastReviewed: '2027-01-10' },
        { person: 'bob', granted: TODAY },
        { person: 'carol', granted: '2026-11-30' },
      ],
    });
    expect(decode('tool', 'access', 'a@b@c@d')).toMatchObject({ ok: false });
  });

  it('refuses a bare number in a date column', () => {
    expect(decode('tool', 'licenceExpires', 46000)).toMatchObject({ ok: false });
    expect(decode('tool', 'licenceExpires', '2027-03-01')).toEqual({ ok: true, value: '2027-03-01' });
  });
});
