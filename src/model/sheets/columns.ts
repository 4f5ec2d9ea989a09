// Spreadsheet columns: for each importable kind, the documented column set of a sheet whose
// row 1 holds the headers, and how one cell of each column is decoded into model data.
//
// Headers are matched case- and punctuation-insensitively against the field name
// (`riskTier`), the label (`Risk tier`) or an alias: `RISK_TIER`, `risk tier` and `Risk-Tier`
// all mean riskTier. Cells are decoded as follows (a blank cell means "not given": the
// schema default applies, or "required" when there is none):
//
//   text      taken literally, never evaluated: `=SUM(A1)`, `+1`, `-x`, `@x` stay that text
//   key       a key, e.g. `model-risk-review`
//   enum      one of the listed values, case-insensitive (`High` → `high`)
//   boolean   true/false, yes/no, y/n, 1/0 (case-insensitive)
//   number    a plain number: `12`, `2.5`, `-3` (no thousands separators, no decimal comma)
//   date      ISO `YYYY-MM-DD`; an Excel date cell becomes that string
//   list      `;`-separated keys (or enum values): `alice; bob`
//
// Nested data has simple encodings, `;` between entries:
//
//   person.competences   `competence-key:level[:basis[:validUntil]]`, basis defaults to
//                        `experience`: `privacy:3; ml-eval:2:training:2027-06-30`
//   person.authorities   `;` list: `stop-launch; approve-budget`
//   person.absences      `from..to` (a single date is a one-day absence):
//                        `2027-02-01..2027-02-14; 2027-05-02`
//   tool.access          `person-key[@granted[@lastReviewed]]`, granted defaults to the import
//                        date (`today`): `alice@2027-01-10@2027-03-01; bob`
//   third-party          one contract per row: contractReference, contractKind,
//                        contractStart, contractEnd, sla; due diligence: ddLast, ddNextDue,
//                        ddResult.
//
// Evidence text of held competences and absence reasons have no encoding; when a sheet
// updates an existing person, they are carried over from the entry with the same competence
// key (respectively the same from..to range). See README.md in this folder.
import type { KindName } from '../entities.js';
import {
  AI_ROLES,
  AUTHORITIES,
  COMPETENCE_BASES,
  CRITICALITY,
  DATA_SENSITIVITY,
  EMPLOYMENT_TYPES,
  LIFECYCLE_STAGES,
  RISK_TIERS,
  THIRD_PARTY_KINDS,
  TOOL_CATEGORIES,
  type AiSystem,
  type Person,
  type ThirdParty,
  type Tool,
} from '../schema.js';

/** The kinds a spreadsheet can import. */
export type SheetKind = Extract<KindName, 'person' | 'ai-system' | 'tool' | 'third-party'>;

export const SHEET_KINDS: readonly SheetKind[] = ['person', 'ai-system', 'tool', 'third-party'];

/** The model item each sheet kind produces. */
export interface SheetItemByKind {
  person: Person;
  'ai-system': AiSystem;
  tool: Tool;
  'third-party': ThirdParty;
}
export type SheetItem<K extends SheetKind = SheetKind> = SheetItemByKind[K];

/** A cell as read from the file: text, or a number / boolean from a typed XLSX cell. `''` is blank. */
export type CellValue = string | number | boolean;

export type ColumnType =
  'key' | 'text' | 'enum' | 'boolean' | 'number' | 'date' | 'list' | 'enum-list' | 'competences' | 'absences' | 'access';

export interface SheetColumn {
  /** Canonical header: the field name (or, for third-party contracts and due diligence, the column name). */
  readonly name: string;
  /** Human header, also accepted. */
  readonly label: string;
  /** Further accepted headers. */
  readonly aliases: readonly string[];
  readonly type: ColumnType;
  /** Accepted values of an enum or enum-list column. */
  readonly options?: readonly string[];
  /** A new row needs a value here (the schema has no default). */
  readonly required: boolean;
  /** One line for templates and docs. */
  readonly help: string;
}

type Column<N extends string> = SheetColumn & { readonly name: N };

interface ColumnExtra {
  options?: readonly string[];
  required?: boolean;
  aliases?: readonly string[];
}

function col<N extends string>(name: N, label: string, type: ColumnType, help: string, extra: ColumnExtra = {}): Column<N> {
  const column: Column<N> = { name, label, type, help, aliases: extra.aliases ?? [], required: extra.required ?? false };
  return extra.options ? { ...column, options: extra.options } : column;
}

const KEY_HELP = 'unique key: lower-case letters, digits, ".", "_" or "-"';
const bool = (what: string): string => `${what} (true/false, yes/no, y/n, 1/0)`;
const oneOf = (options: readonly string[]): string => `one of: ${options.join(', ')}`;

export const CONTRACT_KINDS = [
  'contract',
  'sow',
  'dpa',
  'nda',
  'order-form',
] as const satisfies readonly ThirdParty['contracts'][number]['kind'][];
export const DUE_DILIGENCE_RESULTS = [
  'pending',
  'satisfactory',
  'conditional',
  'unsatisfactory',
] as const satisfies readonly ThirdParty['dueDiligence']['result'][];

const PERSON_COLUMNS = [
  col('key', 'Key', 'key', KEY_HELP, { required: true }),
  col('name', 'Name', 'text', 'full name', { required: true }),
  col('email', 'Email', 'text', 'email address linking the person to a login; blank for none', { aliases: ['e-mail', 'email address'] }),
  col('title', 'Title', 'text', 'job title', { aliases: ['job title'] }),
  col('team', 'Team', 'text', 'team or department'),
  col('employmentType', 'Employment type', 'enum', oneOf(EMPLOYMENT_TYPES) + ' (default employee)', { options: EMPLOYMENT_TYPES }),
  col('competences', 'Competences', 'competences', 'competence-key:level[:basis[:validUntil]]; … (basis default experience)'),
  col('aimsHoursPerWeek', 'AIMS hours per week', 'number', 'hours per week allocated to AIMS work (0–80)', {
    required: true,
    aliases: ['hours per week', 'AIMS hours'],
  }),
  col('absences', 'Absences', 'absences', 'from..to; … (ISO dates; a single date is one day)'),
  col('authorities', 'Authorities', 'enum-list', `; list, ${oneOf(AUTHORITIES)}`, { options: AUTHORITIES }),
  col('afterHours', 'After hours', 'boolean', bool('reachable outside business hours'), { aliases: ['on call'] }),
  col('retired', 'Retired', 'boolean', bool('retired')),
] as const satisfies readonly Column<keyof Person>[];

const AI_SYSTEM_COLUMNS = [
  col('key', 'Key', 'key', KEY_HELP, { required: true }),
  col('name', 'Name', 'text', 'name of the AI system', { required: true }),
  col('description', 'Description', 'text', 'what it does'),
  col('owner', 'Owner', 'key', 'person key of the business owner; blank for none'),
  col('builders', 'Builders', 'list', 'person keys of those who build or operate it; ; list'),
  col('businessUnit', 'Business unit', 'text', 'business unit'),
  col('aiRole', 'AI role', 'enum', oneOf(AI_ROLES), { options: AI_ROLES, required: true, aliases: ['role'] }),
  col('riskTier', 'Risk tier', 'enum', oneOf(RISK_TIERS), { options: RISK_TIERS, required: true, aliases: ['risk'] }),
  col('lifecycleStage', 'Lifecycle stage', 'enum', oneOf(LIFECYCLE_STAGES), {
    options: LIFECYCLE_STAGES,
    required: true,
    aliases: ['stage', 'lifecycle'],
  }),
  col('dataSensitivity', 'Data sensitivity', 'enum', oneOf(DATA_SENSITIVITY) + ' (default internal)', { options: DATA_SENSITIVITY }),
  col('regulatedDecisioning', 'Regulated decisioning', 'boolean', bool('makes or supports regulated decisions')),
  col('critical24x7', 'Critical 24x7', 'boolean', bool('needs round-the-clock coverage'), { aliases: ['critical 24/7', '24x7'] }),
  col('majorChangesPerYear', 'Major changes per year', 'number', 'expected major changes per year (default 1)'),
  col('incidentsPerYear', 'Incidents per year', 'number', "expected incidents per year; blank takes the organization's default"),
  col('inScope', 'In scope', 'boolean', bool('inside the AIMS scope') + ' (default true)'),
  col('exclusionJustification', 'Exclusion justification', 'text', 'why it is outside the scope (only when in scope is false)'),
  col('thirdParties', 'Third parties', 'list', 'third-party keys; ; list'),
  col('newInPeriod', 'New in period', 'boolean', bool('enters the inventory during the planning period')),
] as const satisfies readonly Column<keyof AiSystem>[];

const TOOL_COLUMNS = [
  col('key', 'Key', 'key', KEY_HELP, { required: true }),
  col('name', 'Name', 'text', 'name of the tool', { required: true }),
  col('category', 'Category', 'enum', oneOf(TOOL_CATEGORIES), { options: TOOL_CATEGORIES, required: true }),
  col('activities', 'Activities', 'list', 'activity keys it supports; ; list'),
  col('seats', 'Seats', 'number', 'licensed seats (whole number); blank when unlimited or not seat-based'),
  col('access', 'Access', 'access', 'person-key[@granted[@lastReviewed]]; … (granted default: the import date)'),
  col('owner', 'Owner', 'key', 'person key of the owner; blank for none'),
  col('budgetLine', 'Budget line', 'key', 'budget line key that pays for it; blank for none'),
  col('free', 'Free', 'boolean', bool('costs nothing, so needs no budget line')),
  col('licenceExpires', 'Licence expires', 'date', 'YYYY-MM-DD; blank for none', { aliases: ['license expires'] }),
  col('retired', 'Retired', 'boolean', bool('retired')),
] as const satisfies readonly Column<keyof Tool>[];

/** Third-party contract columns → contract field. */
export const CONTRACT_COLUMNS = {
  contractReference: 'reference',
  contractKind: 'kind',
  contractStart: 'start',
  contractEnd: 'end',
  sla: 'sla',
} as const satisfies Record<string, keyof ThirdParty['contracts'][number]>;
/** Third-party due-diligence columns → dueDiligence field. */
export const DUE_DILIGENCE_COLUMNS = {
  ddLast: 'last',
  ddNextDue: 'nextDue',
  ddResult: 'result',
} as const satisfies Record<string, keyof ThirdParty['dueDiligence']>;

type ThirdPartyColumnName =
  Exclude<keyof ThirdParty, 'contracts' | 'dueDiligence'> | keyof typeof CONTRACT_COLUMNS | keyof typeof DUE_DILIGENCE_COLUMNS;

const THIRD_PARTY_COLUMNS = [
  col('key', 'Key', 'key', KEY_HELP, { required: true }),
  col('name', 'Name', 'text', 'name of the third party', { required: true }),
  col('kind', 'Kind', 'enum', oneOf(THIRD_PARTY_KINDS), { options: THIRD_PARTY_KINDS, required: true, aliases: ['type'] }),
  col('criticality', 'Criticality', 'enum', oneOf(CRITICALITY), { options: CRITICALITY, required: true }),
  col('aiSystems', 'AI systems', 'list', 'AI system keys; ; list'),
  col('activities', 'Activities', 'list', 'activity keys; ; list'),
  col('owner', 'Owner', 'key', 'person key of the owner; blank for none'),
  col('contractReference', 'Contract reference', 'text', "the row's contract: reference (matches an existing contract to update)", {
    aliases: ['contract', 'contract ref'],
  }),
  col('contractKind', 'Contract kind', 'enum', oneOf(CONTRACT_KINDS) + ' (default contract)', { options: CONTRACT_KINDS }),
  col('contractStart', 'Contract start', 'date', 'YYYY-MM-DD (needed with a contract reference)'),
  col('contractEnd', 'Contract end', 'date', 'YYYY-MM-DD; blank for open-ended'),
  col('sla', 'SLA', 'text', 'service levels of the contract'),
  col('ddLast', 'Due diligence last', 'date', 'last due diligence, YYYY-MM-DD', { aliases: ['DD last', 'last due diligence'] }),
  col('ddNextDue', 'Due diligence next due', 'date', 'next due diligence, YYYY-MM-DD', {
    aliases: ['DD next due', 'next due diligence'],
  }),
  col('ddResult', 'Due diligence result', 'enum', oneOf(DUE_DILIGENCE_RESULTS) + ' (default pending)', {
    options: DUE_DILIGENCE_RESULTS,
    aliases: ['DD result'],
  }),
  col('retired', 'Retired', 'boolean', bool('retired')),
] as const satisfies readonly Column<ThirdPartyColumnName>[];

// Every field of each kind has a column (compile-time check).
type Missing<T, C extends readonly { name: string }[]> = Exclude<T, C[number]['name']>;
const _complete: [
  Missing<keyof Person, typeof PERSON_COLUMNS>,
  Missing<keyof AiSystem, typeof AI_SYSTEM_COLUMNS>,
  Missing<keyof Tool, typeof TOOL_COLUMNS>,
  Missing<ThirdPartyColumnName, typeof THIRD_PARTY_COLUMNS>,
] extends [never, never, never, never]
  ? true
  : false = true;

const COLUMNS: Record<SheetKind, readonly SheetColumn[]> = {
  person: PERSON_COLUMNS,
  'ai-system': AI_SYSTEM_COLUMNS,
  tool: TOOL_COLUMNS,
  'third-party': THIRD_PARTY_COLUMNS,
};

/** Human label of a sheet kind, for messages. */
export const SHEET_KIND_LABEL: Record<SheetKind, string> = {
  person: 'person',
  'ai-system': 'AI system',
  tool: 'tool',
  'third-party': 'third party',
};

/** The documented columns of a sheet of this kind, in template order. */
export function sheetColumns(kind: SheetKind): readonly SheetColumn[] {
  return COLUMNS[kind];
}

/** The header row of an empty sheet of this kind (canonical column names). */
export function sheetTemplate(kind: SheetKind): string[] {
  return COLUMNS[kind].map((c) => c.name);
}

/** Header comparison form: case- and punctuation-insensitive (`Risk tier` ≡ `riskTier` ≡ `RISK_TIER`). */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const HEADER_INDEX = new Map<SheetKind, Map<string, SheetColumn>>();

/** The column a header names, or undefined when it names none. */
export function findColumn(kind: SheetKind, header: string): SheetColumn | undefined {
  let index = HEADER_INDEX.get(kind);
  if (!index) {
    index = new Map();
    for (const c of COLUMNS[kind]) for (const h of [c.name, c.label, ...c.aliases]) index.set(normalizeHeader(h), c);
    HEADER_INDEX.set(kind, index);
  }
  return index.get(normalizeHeader(header));
}

/** "key (Key), name (Name), …" — the accepted headers, for error messages. */
export function describeAcceptedHeaders(kind: SheetKind): string {
  return COLUMNS[kind].map((c) => (c.label.toLowerCase() === c.name.toLowerCase() ? c.name : `${c.name} (${c.label})`)).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Decoding one cell

export type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Decoded => ({ ok: true, value });
const fail = (message: string): Decoded => ({ ok: false, message });

/** The text of a cell; numbers and booleans from XLSX cells are written out. */
export function cellText(cell: CellValue): string {
  return typeof cell === 'string' ? cell : String(cell);
}

export function isBlank(cell: CellValue): boolean {
  return typeof cell === 'string' && cell.trim() === '';
}

const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const WHOLE_NUMBER = /^\d+$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

const quote = (s: string): string => JSON.stringify(s);
const formulaHint = (s: string): string => (s.startsWith('=') ? ' (formulas are not evaluated: type the value itself)' : '');

function matchOption(value: string, options: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  return options.find((o) => o.toLowerCase() === lower);
}

/** `;`-separated entries, trimmed, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function entryError(i: number, entry: string, message: string): Decoded {
  return fail(`entry ${i + 1} (${quote(entry)}): ${message}`);
}

/** A cell value for the schema; blank gives `undefined` (schema default, or "required"). */
export function decodeCell(column: SheetColumn, cell: CellValue, today: string): Decoded {
  if (isBlank(cell)) return ok(undefined);
  const text = cellText(cell).trim();
  switch (column.type) {
    case 'text':
      // Literal: the schema trims; nothing is evaluated or converted.
      return ok(cellText(cell));
    case 'key':
      return ok(text);
    case 'date':
      if (typeof cell === 'number')
        return fail(`expected a date YYYY-MM-DD, got the number ${text}; format the cell as a date or type the date as text`);
      return ok(text);
    case 'enum': {
      const options = column.options ?? [];
      const match = matchOption(text, options);
      return match === undefined ? fail(`${quote(text)} is not allowed; use ${oneOf(options)}`) : ok(match);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return ok(cell);
      const lower = text.toLowerCase();
      if (TRUE_WORDS.has(lower)) return ok(true);
      if (FALSE_WORDS.has(lower)) return ok(false);
      return fail(`expected true/false, yes/no, y/n or 1/0, got ${quote(text)}`);
    }
    case 'number':
      if (typeof cell === 'number') return ok(cell);
      if (typeof cell === 'string' && PLAIN_NUMBER.test(text)) return ok(Number(text));
      return fail(`expected a plain number such as 12 or 2.5, got ${quote(text)}${formulaHint(text)}`);
    case 'list':
      return ok(splitList(text));
    case 'enum-list': {
      const options = column.options ?? [];
      const values: string[] = [];
      for (const [i, entry] of splitList(text).entries()) {
        const match = matchOption(entry, options);
        if (match === undefined) return entryError(i, entry, `not allowed; use ${oneOf(options)}`);
        values.push(match);
      }
      return ok(values);
    }
    case 'competences':
      return decodeCompetences(text);
    case 'absences':
      return decodeAbsences(text);
    case 'access':
      return decodeAccess(text, today);
  }
}

function decodeCompetences(text: string): Decoded {
  const out: { competence: string; level: number; basis: string; validUntil?: string }[] = [];
  for (const [i, entry] of splitList(text).entries()) {
    const parts = entry.split(':').map((s) => s.trim());
    if (parts.length < 2 || parts.length > 4)
      return entryError(i, entry, 'expected competence-key:level[:basis[:validUntil]], e.g. privacy:3 or privacy:3:training:2027-06-30');
    const [competence = '', level = '', basis = '', validUntil = ''] = parts;
    if (!WHOLE_NUMBER.test(level)) return entryError(i, entry, `level must be a whole number from 1 to 4, got ${quote(level)}`);
    let basisValue: string = 'experience';
    if (basis !== '') {
      const match = matchOption(basis, COMPETENCE_BASES);
      if (match === undefined) return entryError(i, entry, `basis ${quote(basis)} is not allowed; use ${oneOf(COMPETENCE_BASES)}`);
      basisValue = match;
    }
    out.push({ competence, level: Number(level), basis: basisValue, ...(validUntil === '' ? {} : { validUntil }) });
  }
  return ok(out);
}

function decodeAbsences(text: string): Decoded {
  const out: { from: string; to: string }[] = [];
  for (const [i, entry] of splitList(text).entries()) {
    const parts = entry.split('..').map((s) => s.trim());
    if (parts.length > 2 || parts.some((p) => p === ''))
      return entryError(i, entry, 'expected from..to with ISO dates, e.g. 2027-02-01..2027-02-14 (or a single date)');
    const [from = '', to = from] = parts;
    out.push({ from, to });
  }
  return ok(out);
}

function decodeAccess(text: string, today: string): Decoded {
  const out: { person: string; granted: string; lastReviewed?: string }[] = [];
  for (const [i, entry] of splitList(text).entries()) {
    const parts = entry.split('@').map((s) => s.trim());
    if (parts.length > 3) return entryError(i, entry, 'expected person-key[@granted[@lastReviewed]], e.g. alice@2027-01-10@2027-03-01');
    const [person = '', granted = '', lastReviewed = ''] = parts;
    out.push({ person, granted: granted === '' ? today : granted, ...(lastReviewed === '' ? {} : { lastReviewed }) });
  }
  return ok(out);
}
