// Spreadsheet import: columns and encodings (columns.ts), parsing (parse.ts), planning (plan.ts).
export {
  CONTRACT_COLUMNS,
  CONTRACT_KINDS,
  DUE_DILIGENCE_COLUMNS,
  DUE_DILIGENCE_RESULTS,
  SHEET_KINDS,
  SHEET_KIND_LABEL,
  findColumn,
  normalizeHeader,
  sheetColumns,
  sheetTemplate,
  type CellValue,
  type ColumnType,
  type SheetColumn,
  type SheetItem,
  type SheetItemByKind,
  type SheetKind,
} from './columns.js';
export {
  SHEET_LIMITS,
  parseSheet,
  type ParseSheetInput,
  type SheetColumnMatch,
  type SheetFormat,
  type SheetParseResult,
  type SheetRow,
  type SheetRowError,
} from './parse.js';
export { planSheetImport, sheetImportError, type FieldChange, type ImportError, type ImportPlan } from './plan.js';
