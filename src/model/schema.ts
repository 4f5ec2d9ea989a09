// The resourcing model: one zod schema per entity, shared by the REST API, the model file
// (model as code), spreadsheet import and the determination engine. Entities refer to each
// other by `key` (a stable, human-readable slug, immutable once created) so the model file
// is git-friendly and round-trips into any organization unchanged.
import { z } from 'zod';

export const keySchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,79}$/,
    'expected a key: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, at most 80 characters',
  );
/** ISO 8601 calendar date, e.g. 2027-01-15. */
export const isoDate = z.iso.date({ message: 'expected an ISO 8601 date (YYYY-MM-DD)' });
/** ISO 8601 date-time with offset, e.g. 2027-01-15T09:30:00Z. */
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)',
});
const text = (max = 2000) => z.string().trim().max(max);
const name = z.string().trim().min(1, 'must not be empty').max(200);
const hours = z.number().min(0).max(10_000);
/** Money is an integer count of minor units (cents) — never a float. */
export const minorUnits = z.number().int('money is an integer count of minor units (e.g. cents), never a fraction');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code, e.g. EUR');

export const RISK_TIERS = ['low', 'medium', 'high', 'critical'] as const;
export const riskTier = z.enum(RISK_TIERS);
export type RiskTier = z.infer<typeof riskTier>;

export const AI_ROLES = ['provider', 'developer', 'deployer', 'user'] as const;
export const LIFECYCLE_STAGES = ['proposed', 'intake', 'assessment', 'approved', 'deployed', 'retired'] as const;
export const DATA_SENSITIVITY = ['public', 'internal', 'confidential', 'restricted'] as const;
export const RACI = ['R', 'A', 'C', 'I'] as const;
export const TRIGGER_KINDS = ['per-new-system', 'per-major-change', 'per-incident', 'periodic', 'continuous'] as const;
export const COMPETENCE_BASES = ['education', 'training', 'experience'] as const;
export const EMPLOYMENT_TYPES = ['employee', 'contractor', 'third-party'] as const;
export const AUTHORITIES = ['stop-launch', 'approve-budget', 'sign-off-review'] as const;
export const TOOL_CATEGORIES = [
  'inventory',
  'workflow',
  'documentation',
  'monitoring',
  'evaluation',
  'grc',
  'data-catalog',
  'other',
] as const;
export const BUDGET_CATEGORIES = ['staff', 'tools', 'third-party-services', 'training', 'certification', 'other'] as const;
export const THIRD_PARTY_KINDS = [
  'model-provider',
  'data-provider',
  'cloud-hosting',
  'mlops-platform',
  'external-assessor',
  'counsel',
  'consultant',
  'testing-service',
  'other',
] as const;
export const CRITICALITY = ['low', 'medium', 'high', 'critical'] as const;
export const EVIDENCE_TYPES = [
  'scope-statement',
  'activity-catalog',
  'resourcing-matrix',
  'gap-assessment',
  'org-chart',
  'appointment-memo',
  'job-description',
  'budget-approval',
  'purchase-order',
  'invoice',
  'access-list-export',
  'licence',
  'contract-sow',
  'training-plan',
  'training-completion',
  'review-approval-record',
  'monitoring-ticket',
  'incident-ticket',
  'corrective-action',
  'review-minutes',
] as const;
export const evidenceType = z.enum(EVIDENCE_TYPES);

export const orgSettingsSchema = z.strictObject({
  /** Utilization above this fraction raises CAPACITY-AT-RISK. */
  utilizationThreshold: z.number().gt(0).max(2).default(0.85),
  /** Default expected incidents per AI system per year, by risk tier. */
  incidentsPerYearByTier: z
    .strictObject({
      low: z.number().min(0).max(1000),
      medium: z.number().min(0).max(1000),
      high: z.number().min(0).max(1000),
      critical: z.number().min(0).max(1000),
    })
    .default({ low: 0.25, medium: 0.5, high: 1, critical: 2 }),
  /** Adequacy reviews are due this many days after the last signed one. */
  adequacyReviewIntervalDays: z.number().int().min(1).max(3660).default(92),
  /** Tool access lists must be reviewed at least this often. */
  accessReviewIntervalDays: z.number().int().min(1).max(3660).default(90),
  /** Competence evidence and contracts expiring within this many days count as at risk. */
  expiryWarningDays: z.number().int().min(0).max(3660).default(30),
});
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

export const competenceSchema = z.strictObject({
  key: keySchema,
  name,
  description: text().default(''),
  category: text(100).default('general'),
  retired: z.boolean().default(false),
});
export type Competence = z.infer<typeof competenceSchema>;

export const triggerSchema = z
  .strictObject({
    kind: z.enum(TRIGGER_KINDS),
    /** periodic: days between occurrences. */
    intervalDays: z.number().int().min(1).max(3660).optional(),
    /** periodic: once per in-scope AI system, or once for the whole organization. */
    per: z.enum(['system', 'organization']).default('system'),
    /** continuous: hours per week of standing work (the effort tables are not used). */
    hoursPerWeek: hours.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'periodic' && t.intervalDays === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['intervalDays'],
        message: 'a periodic trigger needs intervalDays',
      });
    if (t.kind === 'continuous' && t.hoursPerWeek === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['hoursPerWeek'],
        message: 'a continuous trigger needs hoursPerWeek',
      });
  });
export type Trigger = z.infer<typeof triggerSchema>;

export const effortByTierSchema = z.strictObject({
  low: hours,
  medium: hours,
  high: hours,
  critical: hours,
});

export const activitySchema = z.strictObject({
  key: keySchema,
  name,
  description: text().default(''),
  trigger: triggerSchema,
  /** Hours per occurrence for each risk tier (per-system work). */
  effortHours: effortByTierSchema.default({ low: 0, medium: 0, high: 0, critical: 0 }),
  /** Hours per occurrence for organization-wide work; overrides effortHours when set. */
  flatEffortHours: hours.optional(),
  /** Risk tiers this activity applies to; empty means all. */
  appliesToTiers: z.array(riskTier).default([]),
  competences: z.array(z.strictObject({ competence: keySchema, minLevel: z.number().int().min(1).max(4) })).default([]),
  /** The performer must not own or build the AI system under review. */
  independence: z.boolean().default(false),
  /** The accountable person must be able to stop a launch. */
  stopLaunchAuthority: z.boolean().default(false),
  coverage: z.enum(['business-hours', '24x7']).default('business-hours'),
  tools: z.array(keySchema).default([]),
  evidenceTypes: z.array(evidenceType).default([]),
  /** ISO/IEC 42001 clause or Annex A ids this activity serves. */
  isoRefs: z.array(z.string().max(20)).default([]),
  /** Required by the AIMS (a phantom activity is a required one with no capacity). */
  required: z.boolean().default(true),
  retired: z.boolean().default(false),
});
export type Activity = z.infer<typeof activitySchema>;

export const aiSystemSchema = z
  .strictObject({
    key: keySchema,
    name,
    description: text().default(''),
    /** Person key of the business owner. */
    owner: keySchema.nullable().default(null),
    /** Person keys of those who build or operate it (matters for independence). */
    builders: z.array(keySchema).default([]),
    businessUnit: text(200).default(''),
    aiRole: z.enum(AI_ROLES),
    riskTier,
    lifecycleStage: z.enum(LIFECYCLE_STAGES),
    dataSensitivity: z.enum(DATA_SENSITIVITY).default('internal'),
    regulatedDecisioning: z.boolean().default(false),
    critical24x7: z.boolean().default(false),
    majorChangesPerYear: z.number().min(0).max(365).default(1),
    /** null: take the organization's default for the risk tier. */
    incidentsPerYear: z.number().min(0).max(10_000).nullable().default(null),
    inScope: z.boolean().default(true),
    exclusionJustification: text().default(''),
    thirdParties: z.array(keySchema).default([]),
    /** Expected to enter the inventory during the planning period (drives per-new-system work). */
    newInPeriod: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    if (s.inScope && s.exclusionJustification !== '')
      ctx.addIssue({
        code: 'custom',
        path: ['exclusionJustification'],
        message: 'only a system outside the scope takes an exclusion justification',
      });
  });
export type AiSystem = z.infer<typeof aiSystemSchema>;

export const heldCompetenceSchema = z.strictObject({
  competence: keySchema,
  level: z.number().int().min(1).max(4),
  basis: z.enum(COMPETENCE_BASES),
  /** Link or reference to the evidence (certificate, training record…). */
  evidence: text(500).default(''),
  validUntil: isoDate.nullable().default(null),
});

export const absenceSchema = z
  .strictObject({ from: isoDate, to: isoDate, reason: text(200).default('') })
  .refine((a) => a.from <= a.to, { message: 'from must not be after to', path: ['to'] });

export const personSchema = z.strictObject({
  key: keySchema,
  name,
  /** Links the person to a user login (for "edit what they own"); empty when none. */
  email: z.union([z.email(), z.literal('')]).default(''),
  title: text(200).default(''),
  team: text(200).default(''),
  employmentType: z.enum(EMPLOYMENT_TYPES).default('employee'),
  competences: z.array(heldCompetenceSchema).default([]),
  /** Hours per week allocated to AIMS work in total. */
  aimsHoursPerWeek: z.number().min(0).max(80),
  absences: z.array(absenceSchema).default([]),
  authorities: z.array(z.enum(AUTHORITIES)).default([]),
  /** Reachable outside business hours (on-call) for 24x7 work. */
  afterHours: z.boolean().default(false),
  retired: z.boolean().default(false),
});
export type Person = z.infer<typeof personSchema>;

export const assignmentSchema = z.strictObject({
  activity: keySchema,
  person: keySchema,
  raci: z.enum(RACI),
  backup: z.boolean().default(false),
  /** Hours per week for this activity; unset splits the person's remaining hours. */
  hoursPerWeek: z.number().min(0).max(80).nullable().default(null),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const toolAccessSchema = z.strictObject({
  person: keySchema,
  granted: isoDate,
  lastReviewed: isoDate.nullable().default(null),
});

export const toolSchema = z.strictObject({
  key: keySchema,
  name,
  category: z.enum(TOOL_CATEGORIES),
  activities: z.array(keySchema).default([]),
  /** Licensed seats; null when unlimited or not seat-based. */
  seats: z.number().int().min(0).nullable().default(null),
  access: z.array(toolAccessSchema).default([]),
  owner: keySchema.nullable().default(null),
  /** Budget line that pays for it; null when none (or free). */
  budgetLine: keySchema.nullable().default(null),
  /** True when it costs nothing (open source, bundled), so no budget line is needed. */
  free: z.boolean().default(false),
  licenceExpires: isoDate.nullable().default(null),
  retired: z.boolean().default(false),
});
export type Tool = z.infer<typeof toolSchema>;

export const budgetApprovalSchema = z.strictObject({
  by: name,
  at: isoDate,
  /** Reference to the approval evidence (minutes, memo, ticket). */
  evidence: text(500).default(''),
});

export const budgetActualSchema = z.strictObject({
  kind: z.enum(['purchase-order', 'invoice']),
  reference: text(200).min(1, 'must not be empty'),
  date: isoDate,
  amountMinor: minorUnits.min(0),
});

export const budgetLineSchema = z
  .strictObject({
    key: keySchema,
    name,
    amountMinor: minorUnits.min(0),
    currency,
    periodStart: isoDate,
    periodEnd: isoDate,
    category: z.enum(BUDGET_CATEGORIES),
    fundingSource: text(200).default(''),
    approval: budgetApprovalSchema.nullable().default(null),
    /** What it funds, e.g. "tools/model-inventory" or "activities/monitoring". */
    funds: z
      .array(
        z.strictObject({
          kind: z.enum(['tool', 'third-party', 'activity', 'person', 'other']),
          ref: text(200),
        }),
      )
      .default([]),
    actuals: z.array(budgetActualSchema).default([]),
    retired: z.boolean().default(false),
  })
  .refine((b) => b.periodStart <= b.periodEnd, {
    message: 'periodStart must not be after periodEnd',
    path: ['periodEnd'],
  });
export type BudgetLine = z.infer<typeof budgetLineSchema>;

export const contractSchema = z
  .strictObject({
    reference: text(200).min(1, 'must not be empty'),
    kind: z.enum(['contract', 'sow', 'dpa', 'nda', 'order-form']).default('contract'),
    start: isoDate,
    end: isoDate.nullable().default(null),
    deliverables: z.array(text(300)).default([]),
    sla: text(500).default(''),
    confidentiality: z.boolean().default(false),
  })
  .refine((c) => c.end === null || c.start <= c.end, {
    message: 'start must not be after end',
    path: ['end'],
  });

export const thirdPartySchema = z.strictObject({
  key: keySchema,
  name,
  kind: z.enum(THIRD_PARTY_KINDS),
  criticality: z.enum(CRITICALITY),
  aiSystems: z.array(keySchema).default([]),
  activities: z.array(keySchema).default([]),
  owner: keySchema.nullable().default(null),
  contracts: z.array(contractSchema).default([]),
  dueDiligence: z
    .strictObject({
      last: isoDate.nullable().default(null),
      nextDue: isoDate.nullable().default(null),
      result: z.enum(['pending', 'satisfactory', 'conditional', 'unsatisfactory']).default('pending'),
    })
    .default({ last: null, nextDue: null, result: 'pending' }),
  retired: z.boolean().default(false),
});
export type ThirdParty = z.infer<typeof thirdPartySchema>;

export const scopeVersionSchema = z.strictObject({
  version: z.number().int().min(1),
  businessUnits: z.array(text(200)).default([]),
  products: z.array(text(200)).default([]),
  geographies: z.array(text(200)).default([]),
  aiRoles: z.array(z.enum(AI_ROLES)).default([]),
  exclusions: z.array(z.strictObject({ subject: text(200).min(1), justification: text().min(1) })).default([]),
  notes: text(5000).default(''),
  createdAt: isoDateTime,
  createdBy: text(200).default(''),
  approval: z.strictObject({ by: name, at: isoDateTime }).nullable().default(null),
});
export type ScopeVersion = z.infer<typeof scopeVersionSchema>;

export const MODEL_FORMAT = 'adequate-model/v1';

/** The whole resourcing model of one organization, as kept in a model file. */
export const modelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  /** The organization's settings. `name` is informational: importing never renames an
   * organization, and export leaves it out so a model moves between organizations unchanged. */
  organization: z
    .strictObject({ name: name.optional(), settings: orgSettingsSchema.default(orgSettingsSchema.parse({})) })
    .default({ settings: orgSettingsSchema.parse({}) }),
  scope: z.array(scopeVersionSchema).default([]),
  competences: z.array(competenceSchema).default([]),
  activities: z.array(activitySchema).default([]),
  aiSystems: z.array(aiSystemSchema).default([]),
  people: z.array(personSchema).default([]),
  assignments: z.array(assignmentSchema).default([]),
  tools: z.array(toolSchema).default([]),
  budgetLines: z.array(budgetLineSchema).default([]),
  thirdParties: z.array(thirdPartySchema).default([]),
});
export type ModelFile = z.infer<typeof modelFileSchema>;
export type ModelFileInput = z.input<typeof modelFileSchema>;
