// The entity kinds of the resourcing model, described once: schema, table, how to name a
// row, which columns the API may filter on, what each row refers to and who owns it. The
// generic repo, service, routes, model file and spreadsheet import all read this table.
import type { z } from 'zod';
import {
  activitySchema,
  aiSystemSchema,
  assignmentSchema,
  budgetLineSchema,
  competenceSchema,
  personSchema,
  thirdPartySchema,
  toolSchema,
  type Activity,
  type AiSystem,
  type Assignment,
  type BudgetLine,
  type Competence,
  type ModelFile,
  type Person,
  type ThirdParty,
  type Tool,
} from './schema.js';

export type KindName = 'competence' | 'activity' | 'ai-system' | 'person' | 'assignment' | 'tool' | 'budget-line' | 'third-party';

export type ModelTable =
  'competences' | 'activities' | 'ai_systems' | 'people' | 'assignments' | 'tools' | 'budget_lines' | 'third_parties';

/** A reference from one row to another, by key, with where it sits in the row. */
export interface Reference {
  path: (string | number)[];
  target: KindName;
  key: string;
}

export interface EntityKind<T extends object> {
  kind: KindName;
  /** Human label, singular. */
  label: string;
  table: ModelTable;
  /** URL segment under /api/v1 and the collection name in the model file. */
  path: string;
  fileKey: keyof Omit<ModelFile, 'format' | 'organization' | 'scope'>;
  schema: z.ZodType<T, unknown>;
  keyOf(item: T): string;
  nameOf(item: T): string;
  /** Filterable columns: API query name → value stored in the column. */
  filters: Record<string, (item: T) => string | null>;
  references(item: T): Reference[];
  /** Person key of whoever owns the row (contributors may edit what they own). */
  ownerOf(item: T): string | null;
  /** What DELETE does: returns the retired form of the row, or null to delete it outright. */
  retire(item: T): T | null;
  /** Whether a row counts as retired (hidden from lists by default). */
  isRetired(item: T): boolean;
}

const refs = (target: KindName, field: string, keys: readonly string[]): Reference[] =>
  keys.map((key, i) => ({ path: [field, i], target, key }));
const ref = (target: KindName, field: string, key: string | null): Reference[] => (key === null ? [] : [{ path: [field], target, key }]);
const bool = (b: boolean): string => (b ? 'true' : 'false');

export const competenceKind: EntityKind<Competence> = {
  kind: 'competence',
  label: 'competence',
  table: 'competences',
  path: 'competences',
  fileKey: 'competences',
  schema: competenceSchema,
  keyOf: (c) => c.key,
  nameOf: (c) => c.name,
  filters: { category: (c) => c.category },
  references: () => [],
  ownerOf: () => null,
  retire: (x) => ({ ...x, retired: true }),
  isRetired: (x) => x.retired,
};

export const activityKind: EntityKind<Activity> = {
  kind: 'activity',
  label: 'activity',
  table: 'activities',
  path: 'activities',
  fileKey: 'activities',
  schema: activitySchema,
  keyOf: (a) => a.key,
  nameOf: (a) => a.name,
  filters: { triggerKind: (a) => a.trigger.kind, coverage: (a) => a.coverage },
  references: (a) => [
    ...a.competences.map((c, i) => ({ path: ['competences', i, 'competence'], target: 'competence' as const, key: c.competence })),
    ...refs('tool', 'tools', a.tools),
  ],
  ownerOf: () => null,
  retire: (x) => ({ ...x, retired: true }),
  isRetired: (x) => x.retired,
};

export const aiSystemKind: EntityKind<AiSystem> = {
  kind: 'ai-system',
  label: 'AI system',
  table: 'ai_systems',
  path: 'ai-systems',
  fileKey: 'aiSystems',
  schema: aiSystemSchema,
  keyOf: (s) => s.key,
  nameOf: (s) => s.name,
  filters: {
    riskTier: (s) => s.riskTier,
    lifecycleStage: (s) => s.lifecycleStage,
    owner: (s) => s.owner,
    businessUnit: (s) => s.businessUnit,
    inScope: (s) => bool(s.inScope),
  },
  references: (s) => [
    ...ref('person', 'owner', s.owner),
    ...refs('person', 'builders', s.builders),
    ...refs('third-party', 'thirdParties', s.thirdParties),
  ],
  ownerOf: (s) => s.owner,
  retire: (s) => ({ ...s, lifecycleStage: 'retired' }),
  isRetired: (s) => s.lifecycleStage === 'retired',
};

export const personKind: EntityKind<Person> = {
  kind: 'person',
  label: 'person',
  table: 'people',
  path: 'people',
  fileKey: 'people',
  schema: personSchema,
  keyOf: (p) => p.key,
  nameOf: (p) => p.name,
  filters: { team: (p) => p.team, employmentType: (p) => p.employmentType, email: (p) => p.email || null },
  references: (p) =>
    p.competences.map((c, i) => ({ path: ['competences', i, 'competence'], target: 'competence' as const, key: c.competence })),
  ownerOf: (p) => p.key,
  retire: (x) => ({ ...x, retired: true }),
  isRetired: (x) => x.retired,
};

export const assignmentKind: EntityKind<Assignment> = {
  kind: 'assignment',
  label: 'assignment',
  table: 'assignments',
  path: 'assignments',
  fileKey: 'assignments',
  schema: assignmentSchema,
  keyOf: (a) => `${a.activity}~${a.person}~${a.raci}`,
  nameOf: (a) => `${a.raci}: ${a.person} on ${a.activity}`,
  filters: { activity: (a) => a.activity, person: (a) => a.person, raci: (a) => a.raci },
  references: (a) => [...ref('activity', 'activity', a.activity), ...ref('person', 'person', a.person)],
  ownerOf: (a) => a.person,
  retire: () => null,
  isRetired: () => false,
};

export const toolKind: EntityKind<Tool> = {
  kind: 'tool',
  label: 'tool',
  table: 'tools',
  path: 'tools',
  fileKey: 'tools',
  schema: toolSchema,
  keyOf: (t) => t.key,
  nameOf: (t) => t.name,
  filters: { category: (t) => t.category, owner: (t) => t.owner },
  references: (t) => [
    ...refs('activity', 'activities', t.activities),
    ...t.access.map((a, i) => ({ path: ['access', i, 'person'], target: 'person' as const, key: a.person })),
    ...ref('person', 'owner', t.owner),
    ...ref('budget-line', 'budgetLine', t.budgetLine),
  ],
  ownerOf: (t) => t.owner,
  retire: (x) => ({ ...x, retired: true }),
  isRetired: (x) => x.retired,
};

const FUND_TARGETS: Record<string, KindName> = { tool: 'tool', 'third-party': 'third-party', activity: 'activity', person: 'person' };

export const budgetLineKind: EntityKind<BudgetLine> = {
  kind: 'budget-line',
  label: 'budget line',
  table: 'budget_lines',
  path: 'budget-lines',
  fileKey: 'budgetLines',
  schema: budgetLineSchema,
  keyOf: (b) => b.key,
  nameOf: (b) => b.name,
  filters: { category: (b) => b.category, currency: (b) => b.currency, approved: (b) => bool(b.approval !== null) },
  references: (b) =>
    b.funds.flatMap((f, i) => {
      const target = FUND_TARGETS[f.kind];
      return target ? [{ path: ['funds', i, 'ref'], target, key: f.ref }] : [];
    }),
  ownerOf: () => null,
  retire: (x) => ({ ...x, retired: true }),
  isRetired: (x) => x.retired,
};

export const thirdPartyKind: EntityKind<ThirdParty> = {
  kind: 'third-party',
  label: 'third party',
  table: 'third_parties',
  path: 'third-parties',
  fileKey: 'thirdParties',
  schema: thirdPartySchema,
  keyOf: (t) => t.key,
  nameOf: (t) => t.name,
  filters: { kind: (t) => t.kind, criticality: (t) => t.criticality, owner: (t) => t.owner },
  references: (t) => [
    ...refs('ai-system', 'aiSystems', t.aiSystems),
    ...refs('activity', 'activities', t.activities),
    ...ref('person', 'owner', t.owner),
  ],
  ownerOf: (t) => t.owner,
  retire: (x) => ({ ...x, retired: true }),
  isRetired: (x) => x.retired,
};

/** In dependency order: a kind only refers to kinds before it or to itself… except cycles
 * (tools ↔ activities, tools → budget lines), which is why references are checked against the
 * whole model rather than insertion order. */
export const ENTITY_KINDS = [
  competenceKind,
  personKind,
  thirdPartyKind,
  aiSystemKind,
  budgetLineKind,
  toolKind,
  activityKind,
  assignmentKind,
] as const;

export type AnyEntityKind =
  | EntityKind<Competence>
  | EntityKind<Activity>
  | EntityKind<AiSystem>
  | EntityKind<Person>
  | EntityKind<Assignment>
  | EntityKind<Tool>
  | EntityKind<BudgetLine>
  | EntityKind<ThirdParty>;

export const KIND_BY_NAME: Record<KindName, AnyEntityKind> = Object.fromEntries(ENTITY_KINDS.map((k) => [k.kind, k])) as Record<
  KindName,
  AnyEntityKind
>;

/** Column name for an API filter name (camelCase → snake_case). */
export const filterColumn = (name: string): string => name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
