// Model as code: the whole resourcing model of an organization as one YAML or JSON file.
// Export is deterministic (collections sorted by key, fields in schema order), so
// export → import into another organization → export gives the same bytes.
import { z } from 'zod';
import YAML from 'yaml';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ScopeVersionsTable } from '../db/types.js';
import type { ErrorIssue } from '../errors/catalogue.js';
import { validationFailed } from '../errors/catalogue.js';
import { orgRepo } from '../orgs/repo.js';
import { parseSettings } from '../orgs/service.js';
import { ENTITY_KINDS, type EntityKind } from './entities.js';
import { findModelErrors, formatPath } from './references.js';
import { modelRepo } from './repo.js';
import { MODEL_FORMAT, keySchema, modelFileSchema, scopeVersionSchema, type ModelFile, type ScopeVersion } from './schema.js';

type Exec = Kysely<Database> | Transaction<Database>;
export type ModelFormat = 'yaml' | 'json';

function sortedItems<T extends object>(kind: EntityKind<T>, rows: { data: string }[]): T[] {
  const items = rows.map((r) => kind.schema.parse(JSON.parse(r.data)));
  return items.sort((a, b) => (kind.keyOf(a) < kind.keyOf(b) ? -1 : kind.keyOf(a) > kind.keyOf(b) ? 1 : 0));
}

export function scopeFromRow(row: ScopeVersionsTable): ScopeVersion {
  return scopeVersionSchema.parse(JSON.parse(row.data));
}

/** Reads the whole model of an organization (retired rows included: they are history). */
export async function loadModel(db: Exec, orgId: string): Promise<ModelFile> {
  const org = await orgRepo.findById(db, orgId);
  const model: Record<string, unknown> = {
    format: MODEL_FORMAT,
    organization: { settings: org ? parseSettings(org.settings) : undefined },
    scope: (await modelRepo.listScopeVersions(db, orgId)).map(scopeFromRow),
  };
  for (const kind of ENTITY_KINDS) {
    model[kind.fileKey] = sortedItems(kind as unknown as EntityKind<object>, await modelRepo.all(db, kind.table, orgId));
  }
  // Key order of the file: the schema's, whatever order we filled it in.
  return modelFileSchema.parse(model);
}

export function serializeModel(model: ModelFile, format: ModelFormat): string {
  if (format === 'json') return JSON.stringify(model, null, 2) + '\n';
  return YAML.stringify(model, { lineWidth: 0, aliasDuplicateObjects: false });
}

export interface ParsedModel {
  model: ModelFile | null;
  issues: ErrorIssue[];
}

/**
 * Parses and validates a model file completely: syntax, every field, every reference. Reports
 * every problem with its path in the file (e.g. `people[3].competences[0].level`).
 */
export function parseModelText(text: string): ParsedModel {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      model: null,
      issues: doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? '?'}`, message: e.message.split('\n')[0] ?? e.message })),
    };
  }
  return validateModel(doc.toJS() as unknown);
}

export function validateModel(raw: unknown): ParsedModel {
  const parsed = modelFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const schemaIssues = parsed.error.issues.map((i) => ({ path: formatPath(i.path as (string | number)[]), message: describeIssue(i) }));
    return { model: null, issues: [...schemaIssues, ...referenceIssuesDespiteInvalidRows(raw)] };
  }
  const issues = findModelErrors(parsed.data);
  return issues.length ? { model: null, issues } : { model: parsed.data, issues: [] };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A schema-valid stand-in for an invalid row, keeping its key so references to it still resolve. */
const PLACEHOLDER: Record<EntityKind<object>['fileKey'], (key: string) => Record<string, unknown>> = {
  competences: (key) => ({ key, name: key }),
  activities: (key) => ({ key, name: key, trigger: { kind: 'continuous', hoursPerWeek: 0 } }),
  aiSystems: (key) => ({ key, name: key, aiRole: 'user', riskTier: 'low', lifecycleStage: 'proposed' }),
  people: (key) => ({ key, name: key, aimsHoursPerWeek: 0 }),
  assignments: () => ({ activity: 'invalid-row', person: 'invalid-row', raci: 'I' }),
  tools: (key) => ({ key, name: key, category: 'other' }),
  budgetLines: (key) => ({
    key,
    name: key,
    amountMinor: 0,
    currency: 'EUR',
    periodStart: '2000-01-01',
    periodEnd: '2000-01-01',
    category: 'other',
  }),
  thirdParties: (key) => ({ key, name: key, kind: 'other', criticality: 'low' }),
};

/**
 * When some rows are invalid, still check the references of the valid ones, so one run
 * reports every problem. Invalid rows stand in as placeholders with their key (no false
 * "unknown key" errors) and their own reference errors are left out (they are already wrong).
 */
function referenceIssuesDespiteInvalidRows(raw: unknown): ErrorIssue[] {
  if (!isRecord(raw)) return [];
  const repaired: Record<string, unknown> = { format: MODEL_FORMAT };
  const invalidRows: string[] = [];
  for (const anyKind of ENTITY_KINDS) {
    const kind = anyKind as unknown as EntityKind<object>;
    const list = raw[kind.fileKey];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return [];
    repaired[kind.fileKey] = list.map((item: unknown, i) => {
      if (kind.schema.safeParse(item).success) return item;
      invalidRows.push(`${kind.fileKey}[${i}]`);
      const rawKey = isRecord(item) ? item['key'] : undefined;
      return PLACEHOLDER[kind.fileKey](typeof rawKey === 'string' && keySchema.safeParse(rawKey).success ? rawKey : `invalid-row-${i}`);
    });
  }
  const model = modelFileSchema.safeParse(repaired);
  if (!model.success) return [];
  return findModelErrors(model.data).filter(
    (e) => !invalidRows.some((p) => e.path === p || e.path.startsWith(`${p}.`) || e.path.startsWith(`${p}[`)),
  );
}

/** Zod's message, with what was received where it helps ("expected 1–4, got 7"). */
function describeIssue(issue: z.core.$ZodIssue): string {
  if ((issue.code === 'too_big' || issue.code === 'too_small') && 'input' in issue) {
    return `${issue.message} (got ${JSON.stringify(issue.input)})`;
  }
  if ((issue.code === 'invalid_value' || issue.code === 'invalid_type' || issue.code === 'invalid_format') && issue.input !== undefined) {
    return `${issue.message} (got ${JSON.stringify(issue.input)})`;
  }
  return issue.message;
}

export function assertValidModel(text: string): ModelFile {
  const { model, issues } = parseModelText(text);
  if (!model) {
    throw validationFailed(`The model file has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed.`, issues);
  }
  return model;
}

/** JSON Schema of the model file, for editors (YAML language server, VS Code). */
export function modelJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(modelFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://adequate.local/schemas/model.schema.json',
    title: 'Adequate resourcing model',
    description: 'The whole resourcing model of one organization (adequate-model/v1).',
  };
}
