// The catalog a new organization starts from: the competences AIMS work needs and the
// activities the AIMS must perform, with triggers, effort per risk tier, required competence
// levels, tools and expected evidence. Everything here is plain data; `defaultCompetences()`
// and `defaultActivities()` return fresh, fully filled-in copies that `competenceSchema` and
// `activitySchema` parse unchanged, so callers may mutate what they get.
//
// ISO/IEC 42001 is referenced by clause and Annex A ids only (see docs on isoRefs); all
// descriptions and rationale are our own words.
import type { Activity, Competence } from './schema.js';
import { TOOL_CATEGORIES } from './schema.js';

/** What the 1–4 levels of a held competence mean, for every competence in the catalog. */
export const COMPETENCE_LEVELS = {
  1: 'Awareness: knows the topic and when to call a specialist; cannot perform the work alone.',
  2: 'Practitioner: performs routine work under a documented method, with review.',
  3: 'Proficient: performs the work independently, including non-routine cases, and can sign it.',
  4: 'Expert: sets the method, reviews others and handles the hardest cases.',
} as const satisfies Record<1 | 2 | 3 | 4, string>;

export const DEFAULT_COMPETENCE_KEYS = [
  'ai-risk-management',
  'model-validation',
  'ai-ethics',
  'data-governance',
  'data-protection',
  'information-security',
  'legal-regulatory',
  'ml-engineering',
  'incident-management',
  'vendor-risk',
  'internal-audit',
  'aims-governance',
] as const;
export type DefaultCompetenceKey = (typeof DEFAULT_COMPETENCE_KEYS)[number];

const COMPETENCES: Record<DefaultCompetenceKey, Omit<Competence, 'key' | 'retired'>> = {
  'ai-risk-management': {
    name: 'AI risk management',
    description:
      'Identifies, rates and treats risks an AI system poses to the organization and to the people it affects; runs the AI risk method and tests that controls work.',
    category: 'risk',
  },
  'model-validation': {
    name: 'Model validation',
    description:
      'Independently challenges a model: data fitness, conceptual soundness, performance, stability, bias and limits of use, and can reproduce key results.',
    category: 'risk',
  },
  'ai-ethics': {
    name: 'AI ethics and impact',
    description:
      'Assesses how an AI system can affect individuals, groups and society (fairness, transparency, human oversight) and designs awareness material on it.',
    category: 'risk',
  },
  'data-governance': {
    name: 'Data governance',
    description:
      'Checks data provenance, lineage, quality criteria, labelling and retention for the data an AI system is built and run on.',
    category: 'data',
  },
  'data-protection': {
    name: 'Data protection and privacy',
    description: 'Applies privacy law and policy to AI use of personal data: lawful basis, minimisation, DPIAs, data subject rights.',
    category: 'legal-privacy',
  },
  'information-security': {
    name: 'Information security',
    description: 'Assesses security controls around AI systems and suppliers: access, hosting, model and prompt attack surface, logging.',
    category: 'security',
  },
  'legal-regulatory': {
    name: 'Legal and regulatory',
    description:
      'Maps AI use to applicable law and sector rules (consumer credit, insurance, employment, AI-specific regulation) and interprets obligations.',
    category: 'legal-privacy',
  },
  'ml-engineering': {
    name: 'ML engineering and operations',
    description: 'Builds, deploys and operates models: pipelines, drift and performance monitoring, logging, rollback.',
    category: 'technical',
  },
  'incident-management': {
    name: 'Incident management',
    description: 'Runs intake, triage, containment, root-cause analysis and corrective action for incidents, including AI-specific ones.',
    category: 'operations',
  },
  'vendor-risk': {
    name: 'Third-party and vendor risk',
    description:
      'Performs due diligence on suppliers of models, data, hosting and services; follows up contract terms, SLAs and reassessments.',
    category: 'risk',
  },
  'internal-audit': {
    name: 'Internal audit',
    description: 'Plans and performs objective audits of the management system and its controls and reports findings to management.',
    category: 'assurance',
  },
  'aims-governance': {
    name: 'AIMS governance',
    description: 'Runs the AI management system itself: scope, roles, resourcing model, adequacy reviews and inputs to management review.',
    category: 'governance',
  },
};

/**
 * The tool set the default activities refer to by key. An organization creates its own tools
 * with these keys (or edits the activities to point at its own keys); the catalog only names
 * what kind of tool each activity needs.
 */
export const DEFAULT_TOOL_SET = [
  {
    key: 'model-inventory',
    name: 'AI system inventory',
    category: 'inventory',
    purpose: 'Register of AI systems with owner, risk tier, lifecycle stage and dependencies.',
  },
  {
    key: 'grc-workflow',
    name: 'GRC workflow',
    category: 'grc',
    purpose: 'Assessments, approvals, findings and corrective actions with an approval trail.',
  },
  {
    key: 'doc-repository',
    name: 'Documentation repository',
    category: 'documentation',
    purpose: 'Versioned store for model documentation, policies, minutes and training material.',
  },
  {
    key: 'evaluation-env',
    name: 'Evaluation environment',
    category: 'evaluation',
    purpose: 'Isolated compute with data access where reviewers reproduce and challenge model results.',
  },
  {
    key: 'data-catalog',
    name: 'Data catalog',
    category: 'data-catalog',
    purpose: 'Lineage, ownership, classification and quality metadata for datasets used by AI systems.',
  },
  {
    key: 'monitoring-platform',
    name: 'Model monitoring and logging',
    category: 'monitoring',
    purpose: 'Drift, performance and fairness dashboards, event logs and alerting for deployed models.',
  },
  {
    key: 'incident-ticketing',
    name: 'Incident and ticketing system',
    category: 'workflow',
    purpose: 'Queue for monitoring alerts, incidents and their corrective actions, with on-call routing.',
  },
] as const satisfies readonly {
  key: string;
  name: string;
  category: (typeof TOOL_CATEGORIES)[number];
  purpose: string;
}[];
export type DefaultToolKey = (typeof DEFAULT_TOOL_SET)[number]['key'];

export const DEFAULT_ACTIVITY_KEYS = [
  'ai-system-intake',
  'risk-assessment',
  'periodic-risk-review',
  'pre-deployment-review',
  'impact-assessment',
  'data-governance-check',
  'monitoring',
  'incident-response',
  'training-awareness',
  'internal-audit-support',
  'third-party-due-diligence',
  'adequacy-review',
] as const;
export type DefaultActivityKey = (typeof DEFAULT_ACTIVITY_KEYS)[number];

type ActivitySpec = Omit<Activity, 'key' | 'required' | 'retired'> & {
  tools: DefaultToolKey[];
  competences: { competence: DefaultCompetenceKey; minLevel: number }[];
};

const ZERO = { low: 0, medium: 0, high: 0, critical: 0 };

const ACTIVITIES: Record<DefaultActivityKey, ActivitySpec> = {
  'ai-system-intake': {
    name: 'AI system intake and inventory upkeep',
    description:
      'Register a new AI use case, classify its AI role and risk tier, decide whether it is in scope, record owner and dependencies, and keep the inventory row current.',
    trigger: { kind: 'per-new-system', per: 'system' },
    effortHours: { low: 2, medium: 4, high: 6, critical: 8 },
    appliesToTiers: [],
    competences: [
      { competence: 'ai-risk-management', minLevel: 2 },
      { competence: 'data-governance', minLevel: 1 },
    ],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['model-inventory', 'grc-workflow'],
    evidenceTypes: ['review-approval-record'],
    isoRefs: ['4.3', '7.1', 'A.4.2', 'A.6.2.2'],
  },
  'risk-assessment': {
    name: 'AI risk assessment and control testing',
    description:
      'Assess the risks of a new or materially changed AI system, decide the treatment, and test that the chosen controls operate before the change is relied on.',
    trigger: { kind: 'per-major-change', per: 'system' },
    effortHours: { low: 4, medium: 8, high: 16, critical: 24 },
    appliesToTiers: [],
    competences: [
      { competence: 'ai-risk-management', minLevel: 3 },
      { competence: 'model-validation', minLevel: 2 },
    ],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['model-inventory', 'grc-workflow', 'doc-repository'],
    evidenceTypes: ['review-approval-record', 'corrective-action'],
    isoRefs: ['6.1.2', '6.1.3', '8.2', '8.3'],
  },
  'periodic-risk-review': {
    name: 'Periodic risk re-assessment and control testing',
    description:
      'Yearly refresh of each in-scope system’s risk assessment even when nothing changed: re-rate risks, re-test key controls, raise findings.',
    trigger: { kind: 'periodic', intervalDays: 365, per: 'system' },
    effortHours: { low: 2, medium: 4, high: 8, critical: 12 },
    appliesToTiers: [],
    competences: [{ competence: 'ai-risk-management', minLevel: 3 }],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['grc-workflow', 'doc-repository'],
    evidenceTypes: ['review-approval-record', 'corrective-action'],
    isoRefs: ['8.2', '8.3', '9.1'],
  },
  'pre-deployment-review': {
    name: 'Pre-deployment review and approval',
    description:
      'Independent review of validation results and documentation before a new system or a major change goes live, ending in a recorded go / no-go decision by someone who can stop the launch.',
    trigger: { kind: 'per-major-change', per: 'system' },
    effortHours: { low: 4, medium: 8, high: 16, critical: 32 },
    appliesToTiers: [],
    competences: [
      { competence: 'model-validation', minLevel: 3 },
      { competence: 'ai-risk-management', minLevel: 2 },
    ],
    independence: true,
    stopLaunchAuthority: true,
    coverage: 'business-hours',
    tools: ['evaluation-env', 'grc-workflow', 'doc-repository'],
    evidenceTypes: ['review-approval-record'],
    isoRefs: ['5.3', '8.1', 'A.6.2.4', 'A.6.2.5'],
  },
  'impact-assessment': {
    name: 'AI system impact assessment',
    description:
      'For high and critical systems, assess and document the consequences for individuals, groups and society when a system is introduced or materially changed.',
    trigger: { kind: 'per-major-change', per: 'system' },
    effortHours: { low: 0, medium: 0, high: 12, critical: 20 },
    appliesToTiers: ['high', 'critical'],
    competences: [
      { competence: 'ai-ethics', minLevel: 2 },
      { competence: 'legal-regulatory', minLevel: 2 },
    ],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['grc-workflow', 'doc-repository'],
    evidenceTypes: ['review-approval-record'],
    isoRefs: ['6.1.4', '8.4', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5'],
  },
  'data-governance-check': {
    name: 'Data governance check',
    description:
      'Before a system is built or changed, confirm provenance, lawful basis, quality criteria, preparation steps and retention of the data it uses.',
    trigger: { kind: 'per-major-change', per: 'system' },
    effortHours: { low: 2, medium: 4, high: 8, critical: 12 },
    appliesToTiers: [],
    competences: [
      { competence: 'data-governance', minLevel: 2 },
      { competence: 'data-protection', minLevel: 2 },
    ],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['data-catalog', 'grc-workflow'],
    evidenceTypes: ['review-approval-record'],
    isoRefs: ['A.4.3', 'A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6'],
  },
  monitoring: {
    name: 'Model monitoring',
    description:
      'Weekly review of drift, performance, fairness and log alerts for each deployed system, with tickets raised for anything outside tolerance; alerts are watched around the clock.',
    trigger: { kind: 'periodic', intervalDays: 7, per: 'system' },
    effortHours: { low: 0.25, medium: 0.5, high: 1, critical: 2 },
    appliesToTiers: [],
    competences: [{ competence: 'ml-engineering', minLevel: 2 }],
    independence: false,
    stopLaunchAuthority: false,
    coverage: '24x7',
    tools: ['monitoring-platform', 'incident-ticketing'],
    evidenceTypes: ['monitoring-ticket'],
    isoRefs: ['9.1', 'A.6.2.6', 'A.6.2.8'],
  },
  'incident-response': {
    name: 'AI incident intake, investigation and corrective action',
    description:
      'Take in AI incidents and concerns, contain them, find the root cause, fix it, check the fix worked, and inform affected parties where required.',
    trigger: { kind: 'per-incident', per: 'system' },
    effortHours: { low: 4, medium: 8, high: 16, critical: 32 },
    appliesToTiers: [],
    competences: [
      { competence: 'incident-management', minLevel: 2 },
      { competence: 'ml-engineering', minLevel: 1 },
    ],
    independence: false,
    stopLaunchAuthority: false,
    coverage: '24x7',
    tools: ['incident-ticketing', 'monitoring-platform', 'grc-workflow'],
    evidenceTypes: ['incident-ticket', 'corrective-action'],
    isoRefs: ['10.2', 'A.6.2.6', 'A.8.3', 'A.8.4'],
  },
  'training-awareness': {
    name: 'AI training and awareness',
    description: 'Keep the role-based training plan current, run sessions for developers, reviewers and approvers, and track completion.',
    trigger: { kind: 'periodic', intervalDays: 91, per: 'organization' },
    effortHours: { ...ZERO },
    flatEffortHours: 24,
    appliesToTiers: [],
    competences: [
      { competence: 'ai-ethics', minLevel: 2 },
      { competence: 'ai-risk-management', minLevel: 2 },
    ],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['doc-repository'],
    evidenceTypes: ['training-plan', 'training-completion'],
    isoRefs: ['7.2', '7.3', 'A.4.6'],
  },
  'internal-audit-support': {
    name: 'Internal audit and management review inputs',
    description:
      'Plan and perform the internal audit of the AIMS by people independent of the work audited, report findings, and assemble the inputs top management reviews.',
    trigger: { kind: 'periodic', intervalDays: 182, per: 'organization' },
    effortHours: { ...ZERO },
    flatEffortHours: 60,
    appliesToTiers: [],
    competences: [{ competence: 'internal-audit', minLevel: 3 }],
    independence: true,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['doc-repository', 'grc-workflow'],
    evidenceTypes: ['review-minutes', 'corrective-action'],
    isoRefs: ['9.2', '9.3'],
  },
  'third-party-due-diligence': {
    name: 'Third-party due diligence',
    description:
      'Yearly due diligence on the suppliers each AI system depends on (model, data, hosting, services): security, data handling, contract terms and SLA performance.',
    trigger: { kind: 'periodic', intervalDays: 365, per: 'system' },
    effortHours: { low: 2, medium: 4, high: 8, critical: 16 },
    appliesToTiers: [],
    competences: [
      { competence: 'vendor-risk', minLevel: 3 },
      { competence: 'information-security', minLevel: 2 },
    ],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['grc-workflow', 'doc-repository'],
    evidenceTypes: ['contract-sow', 'review-approval-record'],
    isoRefs: ['8.1', 'A.10.2', 'A.10.3'],
  },
  'adequacy-review': {
    name: 'Resourcing adequacy review',
    description:
      'Quarterly check that people, time, tools, budget and suppliers still match the AI footprint: refresh demand and capacity, walk the gap register, agree actions, feed management review.',
    trigger: { kind: 'periodic', intervalDays: 92, per: 'organization' },
    effortHours: { ...ZERO },
    flatEffortHours: 16,
    appliesToTiers: [],
    competences: [{ competence: 'aims-governance', minLevel: 3 }],
    independence: false,
    stopLaunchAuthority: false,
    coverage: 'business-hours',
    tools: ['grc-workflow', 'doc-repository'],
    evidenceTypes: ['resourcing-matrix', 'gap-assessment', 'review-minutes', 'corrective-action'],
    isoRefs: ['5.1', '7.1', '9.3', '10.1'],
  },
};

/**
 * Why the numbers in the default catalog are what they are. Written for the compliance lead
 * who has to defend them to an auditor ("how did you decide what resources you need?") and
 * to tune them to the organization's own measured effort after a few quarters.
 */
export const DEFAULTS_RATIONALE = {
  general: [
    'Effort is hours of AIMS work per occurrence, not elapsed time: waiting for documents or meetings does not count.',
    'Effort roughly doubles per risk tier because review depth does: a low-tier item is read and signed, a critical one is challenged and partly reproduced.',
    'Numbers are starting estimates for a mid-size regulated organization; replace them with measured effort (from work items) once two or three quarters of data exist.',
    'Competence minimum levels use the 1–4 scale in COMPETENCE_LEVELS: 3 is required wherever the performer signs the result alone, 2 where the work follows a method and is reviewed, 1 where awareness of the topic is enough.',
    'Organization-wide activities use flatEffortHours per occurrence; per-system activities use the effort table for the system’s risk tier.',
  ],
  activities: {
    'ai-system-intake':
      'Two hours covers a questionnaire, tiering and an inventory entry for a simple low-tier tool; each tier up adds about two hours for dependency mapping, scope reasoning and a second look at the tier. Triggered once per new system.',
    'risk-assessment':
      'A low-tier change is a half-day update of an existing assessment; medium is a full day; a high-tier change needs two days including control test samples; critical (regulated decisioning) adds a third day for broader control testing and sign-off. Triggered per major change, so systems that change often carry more demand.',
    'periodic-risk-review':
      'A yearly refresh is about half of a change-driven assessment (2/4/8/12 h) because the baseline exists and only re-rating and key-control re-tests are needed. It catches drift in risk that no change request announced.',
    'pre-deployment-review':
      'Half a day to read a low-tier validation pack and sign; one day for medium; two days for high tier, where the reviewer re-runs key tests in the evaluation environment; four days for critical systems, where the whole model is challenged before a go / no-go. Independence and stop-launch authority are required because this is the control an auditor tests first.',
    'impact-assessment':
      'Only high and critical systems need a full impact assessment by default: 12 h for high (stakeholder analysis, fairness and transparency review, write-up) and 20 h for critical, where regulated decisions about individuals need legal interpretation as well. Lower tiers are covered by the intake questionnaire, hence 0 h.',
    'data-governance-check':
      'Two hours to confirm lineage and lawful basis for a low-tier change; 4 h for medium; 8 h for high tier, which usually involves personal data and a DPIA update; 12 h for critical, where sampling data quality and bias in the training set is expected.',
    monitoring:
      'Weekly review per system: 15 minutes for a low-tier dashboard glance, 30 minutes for medium, an hour for high and two hours for critical systems with fairness and stability metrics to read. Alert watch is 24x7 because monitored systems run around the clock; the hours cover the review, not idle on-call time.',
    'incident-response':
      'Per incident: half a day for a low-tier issue, one day for medium, two days for high and four days for critical (root-cause analysis, corrective action, customer and regulator communication). Incident counts come from the organization’s expected incidents per system per year by tier. Coverage is 24x7 because harm from a misbehaving model does not wait for office hours.',
    'training-awareness':
      'Quarterly, organization-wide: about three days per quarter to refresh material, deliver role-based sessions to developers, reviewers and approvers, and chase completion. It does not scale per system, hence a flat figure.',
    'internal-audit-support':
      'Twice a year, 60 h: roughly a week and a half of auditor time to plan, test a sample of AIMS controls, report, and prepare management review inputs. Independence is required because auditors must not audit their own work.',
    'third-party-due-diligence':
      'Yearly per system, scaled by tier: 2 h to re-confirm a low-risk supplier, 4 h medium, 8 h for high (security questionnaire review, contract and SLA check), 16 h for critical suppliers that need an on-site or deep-dive review. Systems with no third parties may need less; tune per organization.',
    'adequacy-review':
      'Quarterly, 16 h: two days to refresh demand and capacity, walk the gap register with owners, hold the review meeting and write minutes and actions. The quarterly cadence matches the default 92-day adequacy review interval in the organization settings.',
  } satisfies Record<DefaultActivityKey, string>,
} as const;

/** A fresh copy of the default competence catalog, fully filled in. */
export function defaultCompetences(): Competence[] {
  return DEFAULT_COMPETENCE_KEYS.map((key) => ({
    key,
    name: COMPETENCES[key].name,
    description: COMPETENCES[key].description,
    category: COMPETENCES[key].category,
    retired: false,
  }));
}

/** A fresh copy of the default activity catalog, fully filled in. */
export function defaultActivities(): Activity[] {
  return DEFAULT_ACTIVITY_KEYS.map((key) => {
    const a = ACTIVITIES[key];
    const activity: Activity = {
      key,
      name: a.name,
      description: a.description,
      trigger: { ...a.trigger },
      effortHours: { ...a.effortHours },
      appliesToTiers: [...a.appliesToTiers],
      competences: a.competences.map((c) => ({ ...c })),
      independence: a.independence,
      stopLaunchAuthority: a.stopLaunchAuthority,
      coverage: a.coverage,
      tools: [...a.tools],
      evidenceTypes: [...a.evidenceTypes],
      isoRefs: [...a.isoRefs],
      required: true,
      retired: false,
    };
    if (a.flatEffortHours !== undefined) activity.flatEffortHours = a.flatEffortHours;
    return activity;
  });
}
