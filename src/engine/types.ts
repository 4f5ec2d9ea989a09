// Engine input and output types. Outputs are plain JSON (no Maps, no Dates, no undefined) with
// deterministic ordering, so a result can be stored, diffed and hashed.
import type { Authority, EvidenceType, ModelFile, RiskTier } from './model-types.js';
import type { Period, PeriodInput } from './period.js';

export type { EvidenceType, ModelFile, RiskTier } from './model-types.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_IDS = [
  'OWNER-MISSING',
  'PERFORMER-MISSING',
  'SPOF',
  'BACKUP-MISSING',
  'CAPACITY-SHORTFALL',
  'CAPACITY-AT-RISK',
  'COMPETENCE-GAP',
  'INDEPENDENCE-CONFLICT',
  'AUTHORITY-MISSING',
  'AFTER-HOURS-GAP',
  'TOOL-ACCESS-MISSING',
  'TOOL-UNFUNDED',
  'BUDGET-UNAPPROVED',
  'BUDGET-OVERSPENT',
  'VENDOR-OWNER-MISSING',
  'VENDOR-CONTRACT-MISSING',
  'VENDOR-DD-OVERDUE',
  'EVIDENCE-MISSING',
  'EVIDENCE-EXPIRED',
  'ACCESS-REVIEW-OVERDUE',
  'REVIEW-OVERDUE',
  'REASSESSMENT-PENDING',
  'SCOPE-UNAPPROVED',
  'SCOPE-UNJUSTIFIED',
  'WORK-OVERDUE',
  'PHANTOM-ACTIVITY',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type SubjectKind =
  | 'organization'
  | 'scope'
  | 'activity'
  | 'ai-system'
  | 'person'
  | 'competence'
  | 'tool'
  | 'budget-line'
  | 'third-party'
  | 'work-item'
  | 'evidence'
  | 'adequacy-review'
  | 'reassessment-trigger';

/** What a gap is about; `id` is the entity's key (or the record id for operational records). */
export interface Subject {
  kind: SubjectKind;
  id: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Operational inputs: fed by later capabilities (evidence store, work items, adequacy reviews).

export type EvidenceStatus = 'draft' | 'submitted' | 'accepted' | 'rejected' | 'expired';
export interface EvidenceLink {
  kind: SubjectKind;
  key: string;
}
export interface EvidenceRecord {
  id: string;
  type: EvidenceType;
  status: EvidenceStatus;
  /** Date (or date-time) the evidence is effective from; separate from when it was recorded. */
  effectiveDate: string;
  validUntil: string | null;
  links: EvidenceLink[];
}

export type WorkItemStatus = 'open' | 'in-progress' | 'done' | 'cancelled';
export interface WorkItem {
  id: string;
  activity: string;
  aiSystem: string | null;
  assignee: string | null;
  dueDate: string;
  status: WorkItemStatus;
  completedAt: string | null;
}

export interface AdequacyReview {
  id: string;
  kind: 'periodic' | 'triggered';
  /** Date or date-time of sign-off; null while not signed. */
  signedOffAt: string | null;
  periodLabel: string;
}

export type ReassessmentTriggerKind = 'new-ai-system' | 'major-change' | 'incident-surge' | 'key-person-departure';
export interface ReassessmentTrigger {
  id: string;
  kind: ReassessmentTriggerKind;
  occurredAt: string;
  subject: { kind: SubjectKind; key: string; name: string };
  /** Id of the adequacy review that dealt with it; null while pending. */
  addressedByReview: string | null;
}

/** Each list is optional: rules that need a missing list are reported in `rulesNotEvaluated`. */
export interface OperationalInputs {
  evidence?: EvidenceRecord[];
  workItems?: WorkItem[];
  adequacyReviews?: AdequacyReview[];
  reassessmentTriggers?: ReassessmentTrigger[];
}
export type OperationalField = keyof OperationalInputs;

export interface AnalysisOptions {
  /** Compute auditor answers (default true). */
  auditor?: boolean;
  /** Q4 details (backups, absence what-if) for at most this many key reviewers, most exposed first (default 25). */
  keyReviewerLimit?: number;
}

export interface AnalysisInput {
  model: ModelFile;
  /** Defaults to the quarter containing asOf. */
  period?: PeriodInput | Period;
  /** "Today" for validity checks (YYYY-MM-DD); the engine never reads the clock. */
  asOf: string;
  operational?: OperationalInputs;
  options?: AnalysisOptions;
}

// ---------------------------------------------------------------------------------------------
// Output.

export interface PeriodSummary {
  label: string;
  kind: Period['kind'];
  start: string;
  end: string;
  days: number;
  weeks: number;
  yearFraction: number;
}

export type DemandBasis = 'new-systems' | 'major-changes' | 'incidents' | 'periodic-system' | 'periodic-organization' | 'continuous';

/** One addend of an activity's demand, e.g. the high-risk tier of a per-major-change activity. */
export interface DemandTerm {
  basis: DemandBasis;
  tier: RiskTier | null;
  systems: number | null;
  /** Changes or incidents per year summed over the tier's systems (rates only). */
  ratePerYear: number | null;
  occurrences: number;
  hoursPerOccurrence: number;
  hours: number;
  text: string;
}

export interface CapacityContribution {
  person: string;
  name: string;
  raci: 'R' | 'A' | 'C' | 'I';
  backup: boolean;
  hoursPerWeek: number;
  hours: number;
  qualified: boolean;
  /** Whether the hours count toward the activity's capacity. */
  counted: boolean;
  text: string;
}

export interface ActivityResult {
  key: string;
  name: string;
  trigger: string;
  required: boolean;
  demandHours: number;
  capacityHours: number;
  /** demand ÷ capacity; null when capacity is 0. */
  utilization: number | null;
  qualifiedPeople: number;
  qualifiedPeopleKeys: string[];
  owners: string[];
  performers: string[];
  backups: string[];
  backupCovered: boolean;
  /** null when the activity is not 24x7-relevant. */
  afterHoursCovered: boolean | null;
  rationale: {
    demand: string;
    capacity: string;
    utilization: string;
    terms: DemandTerm[];
    contributions: CapacityContribution[];
  };
}

export interface CompetenceResult {
  key: string;
  name: string;
  demandHours: number;
  capacityHours: number;
  utilization: number | null;
  qualifiedPeople: number;
  activities: string[];
  rationale: string;
}

export interface PersonAssignmentResult {
  activity: string;
  raci: 'R' | 'A' | 'C' | 'I';
  backup: boolean;
  hoursPerWeek: number;
  hours: number;
  counted: boolean;
}

export interface PersonResult {
  key: string;
  name: string;
  aimsHoursPerWeek: number;
  absentWorkingDays: number;
  /** Absent for every working day of the period. */
  unavailable: boolean;
  availableHours: number;
  allocatedHours: number;
  /** allocated ÷ available; null when nothing is available. */
  utilization: number | null;
  /** This person's share of the demand of the activities they perform (by capacity share). */
  demandShareHours: number;
  assignments: PersonAssignmentResult[];
  rationale: string;
}

export interface Gap {
  /** Stable identity across runs: rule, subject and (when a subject can have several) a detail. */
  key: string;
  rule: RuleId;
  severity: Severity;
  subject: Subject;
  related: Subject[];
  explanation: string;
  remediation: string;
}

export interface RuleNotEvaluated {
  rule: RuleId;
  reason: string;
}

export interface Totals {
  demandHours: number;
  capacityHours: number;
  utilization: number | null;
  availableHours: number;
  allocatedHours: number;
  activities: number;
  people: number;
  inScopeSystems: number;
  systemsByTier: Record<RiskTier, number>;
  gaps: number;
  gapsBySeverity: Record<Severity, number>;
}

export interface AnalysisResult {
  period: PeriodSummary;
  asOf: string;
  activities: ActivityResult[];
  competences: CompetenceResult[];
  people: PersonResult[];
  gaps: Gap[];
  totals: Totals;
  rulesNotEvaluated: RuleNotEvaluated[];
  auditorAnswers: AuditorAnswers | null;
  /** Dangling references and other model issues the engine worked around. */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Auditor answers (structured; presenters and the audit packet render them).

export interface Q1Answer {
  question: string;
  method: string[];
  inputs: {
    period: PeriodSummary;
    inScopeSystems: number;
    excludedSystems: number;
    byTier: Array<{
      tier: RiskTier;
      systems: number;
      newInPeriod: number;
      majorChangesPerYear: number;
      incidentsPerYear: number;
      regulated: number;
      critical24x7: number;
    }>;
    activities: number;
    people: number;
    settings: { utilizationThreshold: number; incidentsPerYearByTier: Record<RiskTier, number> };
  };
  demand: Array<{ activity: string; name: string; trigger: string; demandHours: number; rationale: string }>;
  totals: { demandHours: number; capacityHours: number; utilization: number | null };
}

export interface Q2CompetenceCheck {
  competence: string;
  name: string;
  requiredLevel: number;
  heldLevel: number | null;
  meets: boolean;
  basis: string | null;
  evidence: string | null;
  validUntil: string | null;
  validity: 'valid' | 'expiring-soon' | 'expired' | 'not-held';
}

export interface Q2Answer {
  question: string;
  activities: Array<{
    activity: string;
    name: string;
    requiredCompetences: Array<{ competence: string; name: string; minLevel: number }>;
    stopLaunchAuthority: boolean;
    people: Array<{
      person: string;
      name: string;
      raci: 'R' | 'A' | 'C' | 'I';
      backup: boolean;
      qualified: boolean;
      holdsStopLaunch: boolean;
      competences: Q2CompetenceCheck[];
    }>;
    stopLaunchHolders: Array<{ person: string; name: string }>;
    authorityOk: boolean | null;
  }>;
}

export interface Q3Answer {
  question: string;
  evaluated: boolean;
  reason: string | null;
  activities: Array<{
    activity: string;
    name: string;
    open: number;
    overdue: number;
    done: number;
    oldestOverdueDue: string | null;
  }>;
}

export interface Q4Answer {
  question: string;
  keyReviewers: Array<{
    person: string;
    name: string;
    soleQualifiedFor: Array<{ activity: string; name: string }>;
    keyActivities: Array<{ activity: string; name: string }>;
    /** Backups flagged on each of those activities (trained first, at most 10 listed). */
    backups: Array<{
      activity: string;
      total: number;
      trained: number;
      backups: Array<{ person: string; name: string; trained: boolean; missing: string[] }>;
    }>;
    ifAbsent: {
      evaluated: boolean;
      gapsAppeared: Array<Pick<Gap, 'key' | 'rule' | 'severity' | 'subject' | 'explanation'>>;
      activities: Array<{
        activity: string;
        capacityBefore: number;
        capacityAfter: number;
        utilizationBefore: number | null;
        utilizationAfter: number | null;
      }>;
    };
  }>;
  /** Further key reviewers (person keys, most exposed first) beyond keyReviewerLimit. */
  omitted: string[];
}

export interface Q5Answer {
  question: string;
  thirdParties: Array<{
    key: string;
    name: string;
    kind: string;
    criticality: string;
    essential: boolean;
    owner: string | null;
    currentContract: string | null;
    dueDiligence: { last: string | null; nextDue: string | null; result: string };
    aiSystems: string[];
    activities: string[];
    gaps: string[];
  }>;
}

export interface AuditorAnswers {
  q1: Q1Answer;
  q2: Q2Answer;
  q3: Q3Answer;
  q4: Q4Answer;
  q5: Q5Answer;
}

// ---------------------------------------------------------------------------------------------
// What-if.

export type WhatIfScenario =
  | { kind: 'absent'; person: string }
  | { kind: 'add-systems'; count: number; tier: RiskTier }
  | { kind: 'surge'; factor: number; monteCarlo?: { runs: number; seed: number } }
  | {
      kind: 'add-person';
      name: string;
      hoursPerWeek: number;
      competences: Array<{ competence: string; level: number }>;
      /** Activity keys to assign as R; default: every activity whose competences they meet. */
      assignTo?: string[];
      afterHours?: boolean;
      authorities?: Authority[];
    };

export interface ActivityDelta {
  key: string;
  name: string;
  demandBefore: number;
  demandAfter: number;
  capacityBefore: number;
  capacityAfter: number;
  utilizationBefore: number | null;
  utilizationAfter: number | null;
  qualifiedBefore: number;
  qualifiedAfter: number;
  changed: boolean;
}

export interface MonteCarloResult {
  runs: number;
  seed: number;
  incidentFactor: number;
  overall: { expected: number; p50: number; p95: number; capacityHours: number; shortfallProbability: number };
  activities: Array<{
    key: string;
    name: string;
    expected: number;
    p50: number;
    p95: number;
    capacityHours: number;
    /** Share of runs in which demand exceeded capacity. */
    shortfallProbability: number;
  }>;
}

export interface WhatIfResult {
  period: PeriodSummary;
  asOf: string;
  scenarios: WhatIfScenario[];
  descriptions: string[];
  totals: { before: Totals; after: Totals };
  activities: ActivityDelta[];
  gapsAppeared: Gap[];
  gapsDisappeared: Gap[];
  severityChanged: Array<{ key: string; rule: RuleId; subject: Subject; before: Severity; after: Severity }>;
  monteCarlo: MonteCarloResult | null;
}
