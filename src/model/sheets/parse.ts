// Spreadsheet parsing: a CSV or XLSX file (as a Buffer) → one validated model item per row,
// with every problem located by sheet row number (the header is row 1) and column header.
// No I/O beyond reading the buffer, no database.
//
// Cell text is data, never code: a cell holding a formula is read as its literal formula text
// (`=HYPERLINK("http://x","y")`), never its computed result, and text starting with `=`, `+`,
// `-` or `@` is kept as typed. Only number and boolean columns turn text into values, and only
// from the plain forms documented in columns.ts.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { badRequest } from '../../errors/catalogue.js';
import { isoDate } from '../schema.js';
import {
  SHEET_KIND_LABEL,
  CONTRACT_COLUMNS,
  decodeCell,
  describeAcceptedHeaders,
  findColumn,
  isBlank,
  cellText,
  type CellValue,
  type SheetItem,
  type SheetKind,
} from './columns.js';
import { buildInput, sortByColumn, validateInput, type SheetColumnMatch, type SheetRowError } from './rows.js';

export type { SheetColumnMatch, SheetRowError } from './rows.js';

export const SHEET_LIMITS = {
  /** Largest file accepted. */
  maxBytes: 5 * 1024 * 1024,
  /** Most data rows (non-blank rows after the header). */
  maxRows: 10_000,
  /** Largest total uncompressed size an XLSX file may declare (guards against ZIP bombs). */
  maxUncompressedBytes: 100 * 1024 * 1024,
} as const;

export type SheetFormat = 'csv' | 'xlsx';

export interface ParseSheetInput<K extends SheetKind = SheetKind> {
  data: Buffer;
  format: SheetFormat;
  kind: K;
  /** The import date, YYYY-MM-DD: the default `granted` date of tool access entries. */
  today: string;
}

export interface SheetRow<T> {
  /** Row number as the user sees it in the sheet (the header is row 1). */
  rowNumber: number;
  /** The row's key, as written; null when blank. */
  key: string | null;
  /** The row validated as a new item; null when it has errors. */
  item: T | null;
  errors: SheetRowError[];
  /** Decoded cells by column name (undefined: blank or undecodable); planSheetImport merges these onto an existing item. */
  values: Readonly<Record<string, unknown>>;
}

export interface SheetParseResult<K extends SheetKind = SheetKind> {
  kind: K;
  /** The columns of the header row, in sheet order. */
  columns: SheetColumnMatch[];
  /** Non-blank data rows, in sheet order; empty when there are sheet errors. */
  rows: SheetRow<SheetItem<K>>[];
  /** Problems with the file or the header row as a whole. */
  sheetErrors: string[];
}

interface RawRow {
  rowNumber: number;
  cells: CellValue[];
}

type RawTable = { ok: true; rows: RawRow[] } | { ok: false; error: string };

const MB = 1024 * 1024;

/** Parse a CSV or XLSX sheet of one kind. Never throws for bad file content: problems are reported in the result. */
export async function parseSheet<K extends SheetKind>(input: ParseSheetInput<K>): Promise<SheetParseResult<K>> {
  const { data, format, kind, today } = input;
  if (!isoDate.safeParse(today).success) throw badRequest(`today must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(today)}`);
  const result = (sheetErrors: string[], columns: SheetColumnMatch[] = []): SheetParseResult<K> => ({
    kind,
    columns,
    rows: [],
    sheetErrors,
  });
  if (data.length > SHEET_LIMITS.maxBytes)
    return result([
      `the file is ${(data.length / MB).toFixed(1)} MB; the limit is ${SHEET_LIMITS.maxBytes / MB} MB — split it into several sheets`,
    ]);
  const table = format === 'csv' ? readCsv(data) : await readXlsx(data);
  if (!table.ok) return result([table.error]);
  return tableToResult(kind, table.rows, today);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** `;` when the header line has more semicolons than commas (outside quotes), else `,`. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

function readCsv(data: Buffer): RawTable {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))
    return { ok: false, error: 'the CSV file is UTF-16 encoded; save it as "CSV UTF-8" and import it again' };
  let text: string;
  try {
    // Strips a UTF-8 byte order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { ok: false, error: 'the CSV file is not valid UTF-8 text; save it as "CSV UTF-8" and import it again' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records: string[][];
  try {
    // No `cast`: every field stays the text it was.
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    return { ok: false, error: `the CSV file could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { ok: true, rows: records.map((cells, i) => ({ rowNumber: i + 1, cells })) };
}

// ---------------------------------------------------------------------------------------------
// XLSX

/**
 * Total uncompressed size declared by a ZIP file's central directory; Infinity for ZIP64
 * archives (never needed by a sheet within the limits), null when no directory is found.
 */
export function zipDeclaredSize(buf: Buffer): number | null {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= lowest; at--) {
    if (buf.readUInt32LE(at) !== EOCD) continue;
    const entries = buf.readUInt16LE(at + 10);
    const offset = buf.readUInt32LE(at + 16);
    if (entries === 0xffff || offset === 0xffffffff) return Infinity;
    let p = offset;
    let total = 0;
    for (let e = 0; e < entries; e++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
      const size = buf.readUInt32LE(p + 24);
      if (size === 0xffffffff) return Infinity;
      total += size;
      p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    }
    return total;
  }
  return null;
}

const NOT_XLSX = 'the file is not an .xlsx workbook; save it as "Excel Workbook (.xlsx)" or "CSV UTF-8" and import it again';

async function readXlsx(data: Buffer): Promise<RawTable> {
  const size = zipDeclaredSize(data);
  if (size === null) return { ok: false, error: NOT_XLSX };
  if (size > SHEET_LIMITS.maxUncompressedBytes)
    return {
      ok: false,
      error: `the workbook unpacks to more than ${SHEET_LIMITS.maxUncompressedBytes / MB} MB; the limit is ${SHEET_LIMITS.maxUncompressedBytes / MB} MB — split it or save it as CSV`,
    };
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as an ArrayBuffer; at run time it takes a Node Buffer.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (e) {
    return { ok: false, error: `${NOT_XLSX} (${e instanceof Error ? e.message : String(e)})` };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: 'the workbook has no worksheet; put the data on the first worksheet' };
  const rows: RawRow[] = [];
  let nonBlank = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (nonBlank > SHEET_LIMITS.maxRows + 1) return;
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      while (cells.length < colNumber - 1) cells.push('');
      cells[colNumber - 1] = xlsxCell(cell);
    });
    if (cells.some((c) => !isBlank(c))) nonBlank++;
    rows.push({ rowNumber, cells });
  });
  return { ok: true, rows };
}

/** Plain text of rich text runs. */
function richText(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'richText' in value && Array.isArray(value.richText))
    return (value.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  return undefined;
}

/** YYYY-MM-DD of an Excel date (exceljs gives the wall-clock date as UTC). */
function excelDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/**
 * One XLSX cell as data. A formula cell gives its formula text with a leading `=`, never its
 * cached result; rich text and hyperlinks give their text; dates give YYYY-MM-DD.
 */
function xlsxCell(cell: ExcelJS.Cell): CellValue {
  const source = cell.type === ExcelJS.ValueType.Merge ? cell.master : cell;
  const value: unknown = source.value;
  switch (source.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return '';
    case ExcelJS.ValueType.Formula: {
      const formula = source.formula ?? '';
      return formula.startsWith('=') ? formula : `=${formula}`;
    }
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.Boolean:
    case ExcelJS.ValueType.String:
      return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : '';
    case ExcelJS.ValueType.Date:
      return value instanceof Date ? excelDate(value) : '';
    case ExcelJS.ValueType.RichText:
      return richText(value) ?? '';
    case ExcelJS.ValueType.Hyperlink: {
      const text: unknown = typeof value === 'object' && value !== null && 'text' in value ? value.text : '';
      return typeof text === 'string' ? text : (richText(text) ?? '');
    }
    case ExcelJS.ValueType.Error: {
      const error: unknown = typeof value === 'object' && value !== null && 'error' in value ? value.error : '';
      return typeof error === 'string' ? error : '';
    }
    default: {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      return richText(value) ?? '';
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Rows → items

/** Column letters as a spreadsheet shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const quoteList = (items: readonly string[]): string => items.map((s) => JSON.stringify(s)).join(', ');

function tableToResult<K extends SheetKind>(kind: K, table: RawRow[], today: string): SheetParseResult<K> {
  const noun = SHEET_KIND_LABEL[kind];
  const sheetErrors: string[] = [];
  const headerRow = table[0];
  if (!headerRow || headerRow.rowNumber !== 1 || headerRow.cells.every(isBlank))
    return {
      kind,
      columns: [],
      rows: [],
      sheetErrors: [`row 1 must hold the column headers (e.g. ${describeAcceptedHeaders(kind)}); it is blank`],
    };

  // Header row → columns.
  const columns: SheetColumnMatch[] = [];
  const unknown: string[] = [];
  const blankHeaders = new Set<number>();
  headerRow.cells.forEach((cell, index) => {
    const header = cellText(cell).trim();
    if (header === '') return void blankHeaders.add(index);
    const column = findColumn(kind, header);
    if (!column) return void unknown.push(header);
    const twin = columns.find((c) => c.name === column.name);
    if (twin)
      sheetErrors.push(
        `columns ${quoteList([twin.header, header])} (${columnLetter(twin.index)} and ${columnLetter(index)}) both mean ${column.name}; keep one`,
      );
    else columns.push({ name: column.name, header, index });
  });
  if (unknown.length > 0)
    sheetErrors.push(
      `unknown column${unknown.length > 1 ? 's' : ''} ${quoteList(unknown)} in a ${noun} sheet; rename or remove ${unknown.length > 1 ? 'them' : 'it'}. Accepted columns: ${describeAcceptedHeaders(kind)} — by name or label, in any case`,
    );
  for (const required of ['key', 'name'])
    if (!columns.some((c) => c.name === required)) sheetErrors.push(`a ${noun} sheet needs a "${required}" column`);
  if (kind === 'third-party' && !columns.some((c) => c.name === 'contractReference')) {
    const contract = columns.filter((c) => c.name in CONTRACT_COLUMNS);
    if (contract.length > 0)
      sheetErrors.push(`contract columns (${quoteList(contract.map((c) => c.header))}) need a "contractReference" column too`);
  }

  const dataRows = table.slice(1).filter((r) => r.cells.some((c) => !isBlank(c)));
  const headerless = new Set<number>();
  for (const r of dataRows)
    r.cells.forEach((c, i) => {
      if (!isBlank(c) && (i >= headerRow.cells.length || blankHeaders.has(i))) headerless.add(i);
    });
  if (headerless.size > 0) {
    const letters = [...headerless].sort((a, b) => a - b).map(columnLetter);
    sheetErrors.push(
      `column${letters.length > 1 ? 's' : ''} ${letters.join(', ')} hold values but have no header; add the header or clear them`,
    );
  }
  if (dataRows.length > SHEET_LIMITS.maxRows)
    sheetErrors.push(
      `the sheet has more than ${SHEET_LIMITS.maxRows.toLocaleString('en')} data rows; the limit is ${SHEET_LIMITS.maxRows.toLocaleString('en')} — split it`,
    );
  if (sheetErrors.length > 0) return { kind, columns, rows: [], sheetErrors };

  const present = columns.map((c) => c.name);
  const rows = dataRows.map((raw) => readRow(kind, raw, columns, present, today));

  // Duplicate keys inside the sheet: every occurrence is an error.
  const byKey = new Map<string, SheetRow<SheetItem<K>>[]>();
  for (const row of rows) if (row.key !== null) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  const keyHeader = columns.find((c) => c.name === 'key')?.header ?? 'key';
  for (const [key, same] of byKey) {
    if (same.length < 2) continue;
    const numbers = same.map((r) => r.rowNumber);
    for (const row of same) {
      const others = numbers.filter((n) => n !== row.rowNumber);
      row.errors.unshift({
        row: row.rowNumber,
        column: keyHeader,
        message: `duplicate key "${key}": also on row${others.length > 1 ? 's' : ''} ${others.join(', ')}; keys must be unique within a sheet — keep one row per key`,
        stage: 'read',
      });
      row.item = null;
    }
  }
  return { kind, columns, rows, sheetErrors: [] };
}

function readRow<K extends SheetKind>(
  kind: K,
  raw: RawRow,
  columns: readonly SheetColumnMatch[],
  present: readonly string[],
  today: string,
): SheetRow<SheetItem<K>> {
  const values: Record<string, unknown> = {};
  const errors: SheetRowError[] = [];
  const failed = new Set<string>();
  for (const c of columns) {
    const column = findColumn(kind, c.header);
    if (!column) continue;
    const decoded = decodeCell(column, raw.cells[c.index] ?? '', today);
    if (decoded.ok) values[c.name] = decoded.value;
    else {
      values[c.name] = undefined;
      failed.add(c.name);
      errors.push({ row: raw.rowNumber, column: c.header, message: decoded.message, stage: 'read' });
    }
  }
  const keyValue = values['key'];
  const key = typeof keyValue === 'string' && keyValue !== '' ? keyValue : null;
  const validated = validateInput(kind, buildInput(kind, present, values, undefined), { rowNumber: raw.rowNumber, columns, skip: failed });
  const all = sortByColumn([...errors, ...validated.errors], columns);
  return { rowNumber: raw.rowNumber, key, item: all.length === 0 ? validated.item : null, errors: all, values };
}
