// Import planning: what a parsed sheet would do to the existing rows of its kind — create,
// update (with the changed fields) or leave unchanged — and every problem that blocks it.
// Pure: the caller loads the existing rows and applies the plan only when `ok`.
import type { z } from 'zod';
import { KIND_BY_NAME } from '../entities.js';
import { unprocessable, type AppError, type ErrorIssue } from '../../errors/catalogue.js';
import { formatPath } from '../references.js';
import { SHEET_KIND_LABEL, type SheetItem, type SheetKind } from './columns.js';
import type { SheetParseResult } from './parse.js';
import { buildInput, validateInput, type SheetRowError } from './rows.js';

/** A problem blocking the import: a row error (row and column header) or a sheet error (both null). */
export interface ImportError {
  row: number | null;
  column: string | null;
  message: string;
}

export interface FieldChange {
  /** Field path, e.g. `riskTier` or `dueDiligence.result`; lists are compared whole. */
  field: string;
  from: unknown;
  to: unknown;
}

export interface ImportPlan<T> {
  kind: SheetKind;
  create: { rowNumber: number; key: string; item: T }[];
  update: { rowNumber: number; key: string; item: T; changes: FieldChange[] }[];
  unchanged: { rowNumber: number; key: string }[];
  /** Every row error, then every sheet error. */
  errors: ImportError[];
  /** No errors: the plan may be applied. */
  ok: boolean;
}

const toImportError = (e: SheetRowError): ImportError => ({ row: e.row, column: e.column, message: e.message });

/** The item without properties its schema does not know (a stored row may carry a database version). */
function onlySchemaFields<K extends SheetKind>(kind: K, item: SheetItem<K>): SheetItem<K> {
  const fields = Object.keys((KIND_BY_NAME[kind].schema as unknown as z.ZodObject).shape);
  return Object.fromEntries(Object.entries(item).filter(([k]) => fields.includes(k))) as SheetItem<K>;
}

/**
 * Plan the import of a parsed sheet against the existing items of its kind (by key). A row
 * whose key is new creates an item. A row whose key exists updates it: the row's columns are
 * laid over the existing item — fields with no column in the sheet keep their values; a blank
 * cell in a present column resets the field to its default — and the result is validated
 * again. Only changed fields are reported; a row that changes nothing is `unchanged`.
 */
export function planSheetImport<K extends SheetKind>(
  kind: K,
  existing: ReadonlyMap<string, SheetItem<K>>,
  parsed: SheetParseResult<K>,
): ImportPlan<SheetItem<K>> {
  const plan: ImportPlan<SheetItem<K>> = { kind, create: [], update: [], unchanged: [], errors: [], ok: false };
  if (parsed.kind !== kind) {
    plan.errors.push({ row: null, column: null, message: `the sheet was read as a ${SHEET_KIND_LABEL[parsed.kind]} sheet, not ${kind}` });
    return plan;
  }
  const present = parsed.columns.map((c) => c.name);
  for (const row of parsed.rows) {
    const stored = row.key === null ? undefined : existing.get(row.key);
    const base = stored === undefined ? undefined : onlySchemaFields(kind, stored);
    if (row.key === null || base === undefined) {
      if (row.errors.length > 0 || row.item === null || row.key === null) plan.errors.push(...row.errors.map(toImportError));
      else plan.create.push({ rowNumber: row.rowNumber, key: row.key, item: row.item });
      continue;
    }
    // An update: problems with the cells stand; validation is redone on the merged item.
    const readErrors = row.errors.filter((e) => e.stage === 'read');
    if (readErrors.length > 0) {
      plan.errors.push(...readErrors.map(toImportError));
      continue;
    }
    const input = buildInput(kind, present, row.values, base);
    const { item, errors } = validateInput(kind, input, { rowNumber: row.rowNumber, columns: parsed.columns });
    if (item === null) {
      plan.errors.push(...errors.map(toImportError));
      continue;
    }
    const changes = diff(base, item);
    if (changes.length === 0) plan.unchanged.push({ rowNumber: row.rowNumber, key: row.key });
    else plan.update.push({ rowNumber: row.rowNumber, key: row.key, item, changes });
  }
  plan.errors.push(...parsed.sheetErrors.map((message) => ({ row: null, column: null, message })));
  plan.ok = plan.errors.length === 0;
  return plan;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Deep equality of JSON-like data, ignoring object key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * Changed fields from `before` to `after` (the validated item, so only schema fields count —
 * extra properties of the existing row, such as a database id, are ignored); nested objects by
 * field, lists whole.
 */
function diff(before: object, after: object, path: string[] = []): FieldChange[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const out: FieldChange[] = [];
  for (const field of Object.keys(b)) {
    const from = a[field];
    const to = b[field];
    if (sameValue(from, to)) continue;
    if (isPlainObject(from) && isPlainObject(to)) out.push(...diff(from, to, [...path, field]));
    else out.push({ field: formatPath([...path, field]), from, to });
  }
  return out;
}

/** The error catalogue's form of a plan's problems: null when the plan is ok. */
export function sheetImportError<T>(plan: ImportPlan<T>): AppError | null {
  if (plan.ok) return null;
  const issues: ErrorIssue[] = plan.errors.map((e) => ({
    path: e.row === null ? 'sheet' : `row ${e.row}${e.column ? `, ${e.column}` : ''}`,
    message: e.message,
  }));
  const n = issues.length;
  return unprocessable(
    `The ${SHEET_KIND_LABEL[plan.kind]} sheet has ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} in the sheet and import it again.`,
    issues,
  );
}
