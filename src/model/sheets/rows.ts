// From decoded cells to a validated model item, shared by parseSheet (a row as a new item) and
// planSheetImport (a row merged onto the existing item it updates). Pure.
import type { z } from 'zod';
import { formatPath } from '../references.js';
import { aiSystemSchema, personSchema, thirdPartySchema, toolSchema, type Person, type ThirdParty } from '../schema.js';
import { CONTRACT_COLUMNS, DUE_DILIGENCE_COLUMNS, SHEET_KIND_LABEL, type SheetItem, type SheetKind } from './columns.js';

/** A problem with one row, located as the user sees it: sheet row number (header = 1) and column header. */
export interface SheetRowError {
  row: number;
  column: string;
  message: string;
  /**
   * `read`: the cell itself or the sheet structure (bad value, duplicate key) — holds whatever the
   * row updates. `validate`: schema validation of the row as a new item; planSheetImport
   * validates again, after merging, a row that updates an existing item.
   */
  stage: 'read' | 'validate';
}

/** A column found in the header row. */
export interface SheetColumnMatch {
  /** Canonical column name (see sheetTemplate). */
  name: string;
  /** The header as written in the sheet. */
  header: string;
  /** 0-based position in the sheet. */
  index: number;
}

const SCHEMAS = {
  person: personSchema,
  'ai-system': aiSystemSchema,
  tool: toolSchema,
  'third-party': thirdPartySchema,
} satisfies { [K in SheetKind]: z.ZodType<SheetItem<K>, unknown> };

type Values = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The schema input for one row: the decoded values of the sheet's columns (`undefined` for a
 * blank cell, so the schema default applies) laid over `base`, the existing item when the row
 * updates one. Fields without a column keep base's values.
 */
export function buildInput(kind: SheetKind, present: readonly string[], values: Values, base: object | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = base ? structuredClone({ ...base }) : {};
  const has = (name: string): boolean => present.includes(name);
  for (const name of present) {
    if (kind === 'third-party' && (name in CONTRACT_COLUMNS || name in DUE_DILIGENCE_COLUMNS)) continue;
    out[name] = values[name];
  }
  if (kind === 'person' && base) carryOverPersonDetails(out, base as Person, has);
  if (kind === 'third-party') applyThirdPartyColumns(out, present, values, base as ThirdParty | undefined);
  return out;
}

/** Evidence of held competences and absence reasons have no sheet encoding: keep the existing ones. */
function carryOverPersonDetails(out: Record<string, unknown>, base: Person, has: (name: string) => boolean): void {
  const competences = out['competences'];
  if (has('competences') && Array.isArray(competences))
    out['competences'] = competences.map((c: unknown) => {
      if (!isRecord(c)) return c;
      const old = base.competences.find((o) => o.competence === c['competence']);
      return old && old.evidence !== '' ? { ...c, evidence: old.evidence } : c;
    });
  const absences = out['absences'];
  if (has('absences') && Array.isArray(absences))
    out['absences'] = absences.map((a: unknown) => {
      if (!isRecord(a)) return a;
      const old = base.absences.find((o) => o.from === a['from'] && o.to === a['to']);
      return old && old.reason !== '' ? { ...a, reason: old.reason } : a;
    });
}

/**
 * One contract per row: it updates the existing contract with the same reference (fields without a
 * column keep their values) or is added; other contracts stay. Blank contract cells leave the
 * contracts as they are. Due-diligence columns set those fields; the others keep their values.
 */
function applyThirdPartyColumns(
  out: Record<string, unknown>,
  present: readonly string[],
  values: Values,
  base: ThirdParty | undefined,
): void {
  const contractColumns = present.filter((n) => n in CONTRACT_COLUMNS) as (keyof typeof CONTRACT_COLUMNS)[];
  if (contractColumns.some((n) => values[n] !== undefined)) {
    const existing = base?.contracts ?? [];
    const reference = values['contractReference'];
    const at = typeof reference === 'string' ? existing.findIndex((c) => c.reference.trim() === reference.trim()) : -1;
    const contract: Record<string, unknown> = at >= 0 ? { ...existing[at] } : {};
    for (const n of contractColumns) contract[CONTRACT_COLUMNS[n]] = values[n];
    out['contracts'] = at >= 0 ? existing.map((c, i) => (i === at ? contract : c)) : [...existing, contract];
  }
  const ddColumns = present.filter((n) => n in DUE_DILIGENCE_COLUMNS) as (keyof typeof DUE_DILIGENCE_COLUMNS)[];
  if (ddColumns.length > 0) {
    const dd: Record<string, unknown> = { ...(base?.dueDiligence ?? {}) };
    for (const n of ddColumns) dd[DUE_DILIGENCE_COLUMNS[n]] = values[n];
    out['dueDiligence'] = dd;
  }
}

const CONTRACT_FIELD_COLUMN = Object.fromEntries(Object.entries(CONTRACT_COLUMNS).map(([c, f]) => [f, c])) as Record<string, string>;
const DD_FIELD_COLUMN = Object.fromEntries(Object.entries(DUE_DILIGENCE_COLUMNS).map(([c, f]) => [f, c])) as Record<string, string>;

/** The column an issue path points at, and the rest of the path as a message prefix. */
function locate(kind: SheetKind, path: readonly PropertyKey[]): { column: string; detail: string } {
  const [head, second, ...rest] = path;
  if (kind === 'third-party' && head === 'contracts' && typeof second === 'number') {
    const field = rest[0];
    const column = typeof field === 'string' ? CONTRACT_FIELD_COLUMN[field] : undefined;
    return column ? { column, detail: '' } : { column: 'contractReference', detail: formatPath(path) };
  }
  if (kind === 'third-party' && head === 'dueDiligence' && typeof second === 'string')
    return { column: DD_FIELD_COLUMN[second] ?? 'dueDiligence', detail: '' };
  if (typeof head !== 'string') return { column: '', detail: formatPath(path) };
  if (typeof second === 'number') return { column: head, detail: `entry ${second + 1}${rest.length > 0 ? ` ${formatPath(rest)}` : ''}` };
  return { column: head, detail: formatPath(path.slice(1)) };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

type Issue = z.core.$ZodIssue;

function issueMessage(issue: Issue): string {
  // A union (e.g. "an email or blank") reports "Invalid input"; its first branch says more.
  if (issue.code === 'invalid_union') {
    const first = issue.errors[0]?.[0];
    if (first) return first.message;
  }
  return issue.message;
}

export interface ValidateContext {
  rowNumber: number;
  /** Columns of the sheet (their headers name errors). */
  columns: readonly SheetColumnMatch[];
  /** Columns whose cells already failed to decode: no further errors are reported for them. */
  skip?: ReadonlySet<string>;
}

/** Validate one row's input with the kind's schema; errors name the row and the column header. */
export function validateInput<K extends SheetKind>(
  kind: K,
  input: Record<string, unknown>,
  ctx: ValidateContext,
): { item: SheetItem<K> | null; errors: SheetRowError[] } {
  const result = SCHEMAS[kind].safeParse(input);
  if (result.success) return { item: result.data as SheetItem<K>, errors: [] };
  const errors: SheetRowError[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const { column, detail } = locate(kind, issue.path);
    if (ctx.skip?.has(column)) continue;
    const match = ctx.columns.find((c) => c.name === column);
    let message: string;
    if (valueAt(input, issue.path) === undefined && issue.code !== 'custom') {
      if (match) message = column === 'contractReference' ? 'required when the row gives a contract' : 'required: must not be blank';
      else message = `required: add a "${column}" column (a new ${SHEET_KIND_LABEL[kind]} needs it)`;
    } else message = issueMessage(issue);
    const text = detail === '' ? message : `${detail}: ${message}`;
    const header = match?.header ?? column;
    const id = `${header}\u0000${text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    errors.push({ row: ctx.rowNumber, column: header, message: text, stage: 'validate' });
  }
  return { item: null, errors: sortByColumn(errors, ctx.columns) };
}

/** Errors in the order of the sheet's columns (errors of columns not in the sheet last); stable. */
export function sortByColumn(errors: readonly SheetRowError[], columns: readonly SheetColumnMatch[]): SheetRowError[] {
  const position = (e: SheetRowError): number => columns.find((c) => c.header === e.column)?.index ?? Number.MAX_SAFE_INTEGER;
  return [...errors].sort((a, b) => position(a) - position(b));
}
