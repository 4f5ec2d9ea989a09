// The demo organization (examples/demo-bank.yaml) must load cleanly, keep the default catalog,
// and plant exactly the weaknesses listed in examples/demo-bank.weaknesses.json. The planted
// conditions are re-checked here with a small, independent reading of the gap rules (for
// period 2027Q1, asOf 2027-01-15), so an edit to the YAML that hides a planted weakness or adds
// an unplanned one fails this test rather than the engine's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_TOOL_SET, defaultActivities, defaultCompetences } from './defaults.js';
import { findModelErrors, formatPath } from './references.js';
import { modelFileSchema, type Activity, type ModelFile, type Person } from './schema.js';

const YAML_URL = new URL('../../examples/demo-bank.yaml', import.meta.url);
const WEAKNESSES_URL = new URL('../../examples/demo-bank.weaknesses.json', import.meta.url);

const AS_OF = '2027-01-15';
const PERIOD = { start: '2027-01-01', end: '2027-03-31' };

const RULES = [
  'SPOF',
  'BACKUP-MISSING',
  'VENDOR-CONTRACT-MISSING',
  'TOOL-ACCESS-MISSING',
  'BUDGET-UNAPPROVED',
  'BUDGET-OVERSPENT',
  'VENDOR-OWNER-MISSING',
  'VENDOR-DD-OVERDUE',
  'COMPETENCE-GAP',
  'SCOPE-UNJUSTIFIED',
  'PHANTOM-ACTIVITY',
  'OWNER-MISSING',
  'PERFORMER-MISSING',
  'TOOL-UNFUNDED',
  'ACCESS-REVIEW-OVERDUE',
  'AUTHORITY-MISSING',
  'AFTER-HOURS-GAP',
] as const;
const SUBJECT_KINDS = [
  'activity',
  'competence',
  'person',
  'ai-system',
  'tool',
  'budget-line',
  'third-party',
  'scope',
  'organization',
] as const;

interface Weakness {
  rule: string;
  subjectKind: string;
  subjectKey: string;
  why: string;
}

function loadModel(): ModelFile {
  const result = modelFileSchema.safeParse(parse(readFileSync(YAML_URL, 'utf8')));
  if (!result.success)
    throw new Error(
      `demo-bank.yaml does not match the schema:\n${result.error.issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`).join('\n')}`,
    );
  return result.data;
}

function loadWeaknesses(): Weakness[] {
  return JSON.parse(readFileSync(WEAKNESSES_URL, 'utf8')) as Weakness[];
}

function subjectExists(model: ModelFile, kind: string, key: string): boolean {
  const keys = (items: readonly { key: string }[]) => items.some((i) => i.key === key);
  switch (kind) {
    case 'activity':
      return keys(model.activities);
    case 'competence':
      return keys(model.competences);
    case 'person':
      return keys(model.people);
    case 'ai-system':
      return keys(model.aiSystems);
    case 'tool':
      return keys(model.tools);
    case 'budget-line':
      return keys(model.budgetLines);
    case 'third-party':
      return keys(model.thirdParties);
    case 'scope':
      return model.scope.some((s) => String(s.version) === key);
    case 'organization':
      return model.organization.name === key;
    default:
      return false;
  }
}

const daysBefore = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

function qualified(person: Person, activity: Activity): boolean {
  return activity.competences.every((req) =>
    person.competences.some(
      (h) => h.competence === req.competence && h.level >= req.minLevel && (h.validUntil === null || h.validUntil >= AS_OF),
    ),
  );
}

/** Whether the activity's trigger produces any work over the in-scope systems this period. */
function hasDemand(model: ModelFile, a: Activity): boolean {
  const systems = model.aiSystems.filter(
    (s) => s.inScope && s.lifecycleStage !== 'retired' && (a.appliesToTiers.length === 0 || a.appliesToTiers.includes(s.riskTier)),
  );
  const t = a.trigger;
  switch (t.kind) {
    case 'continuous':
      return (t.hoursPerWeek ?? 0) > 0;
    case 'periodic':
      return t.per === 'organization' ? (a.flatEffortHours ?? 0) > 0 : systems.some((s) => a.effortHours[s.riskTier] > 0);
    case 'per-new-system':
      return systems.some((s) => s.newInPeriod && a.effortHours[s.riskTier] > 0);
    case 'per-major-change':
      return systems.some((s) => s.majorChangesPerYear > 0 && a.effortHours[s.riskTier] > 0);
    case 'per-incident':
      return systems.some((s) => a.effortHours[s.riskTier] > 0);
  }
}

/** Our reading of the model-only gap rules, as `RULE|subjectKind|subjectKey` strings. */
function detect(model: ModelFile): Set<string> {
  const found = new Set<string>();
  const add = (rule: string, kind: string, key: string) => found.add(`${rule}|${kind}|${key}`);
  const person = new Map(model.people.map((p) => [p.key, p]));
  const tool = new Map(model.tools.map((t) => [t.key, t]));
  const absentAllPeriod = (p: Person) => p.absences.some((x) => x.from <= PERIOD.start && x.to >= PERIOD.end);

  for (const a of model.activities.filter((x) => x.required && !x.retired)) {
    const rows = model.assignments.filter((r) => r.activity === a.key && person.has(r.person));
    const demand = hasDemand(model, a);
    const owners = rows.filter((r) => r.raci === 'A');
    const performers = rows.filter((r) => r.raci === 'R' && !r.backup);
    if (owners.length === 0) add('OWNER-MISSING', 'activity', a.key);
    if (performers.length === 0) add('PERFORMER-MISSING', 'activity', a.key);

    const isQualified = (key: string) => {
      const p = person.get(key);
      return p !== undefined && !p.retired && !absentAllPeriod(p) && qualified(p, a);
    };
    const qualifiedPeople = new Set(rows.filter((r) => (r.raci === 'R' || r.backup) && isQualified(r.person)).map((r) => r.person));
    const qualifiedBackups = new Set(rows.filter((r) => r.backup && isQualified(r.person)).map((r) => r.person));
    const qualifiedPerformers = new Set(performers.filter((r) => isQualified(r.person)).map((r) => r.person));
    if (demand && qualifiedPeople.size === 1) add('SPOF', 'activity', a.key);
    const key = a.independence || a.stopLaunchAuthority;
    if (qualifiedPeople.size > 0 && qualifiedBackups.size === 0 && (key || (demand && qualifiedPerformers.size === 1)))
      add('BACKUP-MISSING', 'activity', a.key);

    for (const r of rows)
      if ((r.raci === 'R' || r.raci === 'A') && !qualified(person.get(r.person)!, a)) add('COMPETENCE-GAP', 'person', r.person);

    if (a.stopLaunchAuthority && !owners.some((r) => person.get(r.person)!.authorities.includes('stop-launch')))
      add('AUTHORITY-MISSING', 'activity', a.key);
    if (a.coverage === '24x7' && ![...qualifiedPeople].some((k) => person.get(k)!.afterHours)) add('AFTER-HOURS-GAP', 'activity', a.key);

    const capacity = rows.some(
      (r) =>
        r.raci === 'R' &&
        isQualified(r.person) &&
        person.get(r.person)!.aimsHoursPerWeek > 0 &&
        (r.hoursPerWeek === null ? !r.backup : r.hoursPerWeek > 0),
    );
    if (demand && !capacity) add('PHANTOM-ACTIVITY', 'activity', a.key);

    for (const r of rows.filter((x) => x.raci === 'R'))
      for (const t of a.tools)
        if (!tool.get(t)?.access.some((row) => row.person === r.person)) add('TOOL-ACCESS-MISSING', 'person', r.person);
  }

  const reviewCutoff = daysBefore(AS_OF, model.organization.settings.accessReviewIntervalDays);
  for (const t of model.tools.filter((x) => !x.retired)) {
    const expired = t.licenceExpires !== null && t.licenceExpires < AS_OF;
    const overSeats = t.seats !== null && t.access.length > t.seats;
    if ((!t.free && t.budgetLine === null) || expired || overSeats) add('TOOL-UNFUNDED', 'tool', t.key);
    if (t.access.some((row) => (row.lastReviewed ?? row.granted) < reviewCutoff)) add('ACCESS-REVIEW-OVERDUE', 'tool', t.key);
  }

  for (const b of model.budgetLines.filter((x) => !x.retired)) {
    if (b.approval === null) add('BUDGET-UNAPPROVED', 'budget-line', b.key);
    const invoiced = b.actuals.filter((x) => x.kind === 'invoice').reduce((s, x) => s + x.amountMinor, 0);
    if (invoiced > b.amountMinor) add('BUDGET-OVERSPENT', 'budget-line', b.key);
  }

  for (const v of model.thirdParties.filter((x) => !x.retired)) {
    if (v.owner === null) add('VENDOR-OWNER-MISSING', 'third-party', v.key);
    if (!v.contracts.some((c) => c.start <= AS_OF && (c.end === null || c.end >= AS_OF)))
      add('VENDOR-CONTRACT-MISSING', 'third-party', v.key);
    const next = v.dueDiligence.nextDue;
    if ((next !== null && next < AS_OF) || (next === null && (v.criticality === 'high' || v.criticality === 'critical')))
      add('VENDOR-DD-OVERDUE', 'third-party', v.key);
  }

  for (const s of model.aiSystems) if (!s.inScope && s.exclusionJustification.trim() === '') add('SCOPE-UNJUSTIFIED', 'ai-system', s.key);

  return found;
}

describe('demo organization (examples/demo-bank.yaml)', () => {
  const model = loadModel();

  it('parses through modelFileSchema and has no referential-integrity errors', () => {
    expect(model.format).toBe('adequate-model/v1');
    expect(findModelErrors(model)).toEqual([]);
  });

  it('is a mid-size organization: ~15 AI systems across all tiers and ~25 people', () => {
    expect(model.aiSystems.length).toBeGreaterThanOrEqual(14);
    expect(model.aiSystems.length).toBeLessThanOrEqual(18);
    const inScope = model.aiSystems.filter((s) => s.inScope);
    expect(inScope.length).toBe(15);
    for (const tier of ['low', 'medium', 'high', 'critical'] as const)
      expect(
        inScope.some((s) => s.riskTier === tier),
        tier,
      ).toBe(true);
    const out = model.aiSystems.filter((s) => !s.inScope);
    expect(out.some((s) => s.exclusionJustification !== '')).toBe(true);
    expect(out.some((s) => s.exclusionJustification === '')).toBe(true);
    expect(model.people.length).toBeGreaterThanOrEqual(22);
    expect(model.people.length).toBeLessThanOrEqual(28);
    expect(model.tools.length).toBeGreaterThanOrEqual(5);
    expect(model.tools.length).toBeLessThanOrEqual(7);
    expect(model.budgetLines.length).toBeGreaterThanOrEqual(5);
    expect(model.budgetLines.length).toBeLessThanOrEqual(7);
    expect(model.thirdParties.length).toBeGreaterThanOrEqual(6);
    expect(model.thirdParties.length).toBeLessThanOrEqual(8);
    expect(model.scope.map((s) => s.version)).toEqual([1, 2]);
    expect(model.scope.every((s) => s.approval !== null)).toBe(true);
  });

  it('carries the default catalog unchanged and a tool for every default tool key', () => {
    expect(model.competences).toStrictEqual(defaultCompetences());
    expect(model.activities).toStrictEqual(defaultActivities());
    const tools = new Set(model.tools.map((t) => t.key));
    for (const t of DEFAULT_TOOL_SET) expect(tools, t.key).toContain(t.key);
  });

  it('keeps the two sides of each link consistent (systems ↔ third parties, tools ↔ activities)', () => {
    for (const s of model.aiSystems)
      for (const v of s.thirdParties) expect(model.thirdParties.find((x) => x.key === v)?.aiSystems, `${s.key} → ${v}`).toContain(s.key);
    for (const v of model.thirdParties)
      for (const s of v.aiSystems) expect(model.aiSystems.find((x) => x.key === s)?.thirdParties, `${v.key} → ${s}`).toContain(v.key);
    for (const t of model.tools) {
      const needing = model.activities.filter((a) => a.tools.includes(t.key)).map((a) => a.key);
      expect([...t.activities].sort(), t.key).toEqual(needing.sort());
    }
  });

  it('lists weaknesses that name existing subjects with known rule ids and subject kinds', () => {
    const weaknesses = loadWeaknesses();
    expect(weaknesses.length).toBeGreaterThanOrEqual(13);
    for (const w of weaknesses) {
      expect(RULES, JSON.stringify(w)).toContain(w.rule);
      expect(SUBJECT_KINDS, JSON.stringify(w)).toContain(w.subjectKind);
      expect(subjectExists(model, w.subjectKind, w.subjectKey), `${w.subjectKind} ${w.subjectKey}`).toBe(true);
      expect(w.why.length, `${w.rule} ${w.subjectKey}`).toBeGreaterThan(20);
    }
    const ids = weaknesses.map((w) => `${w.rule}|${w.subjectKind}|${w.subjectKey}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('plants exactly the listed weaknesses (independent reading of the rules at 2027-01-15)', () => {
    const planted = new Set(loadWeaknesses().map((w) => `${w.rule}|${w.subjectKind}|${w.subjectKey}`));
    expect([...detect(model)].sort()).toEqual([...planted].sort());
  });

  it('keeps every in-scope system inside the current scope statement', () => {
    const current = model.scope[model.scope.length - 1]!;
    for (const s of model.aiSystems.filter((x) => x.inScope)) expect(current.businessUnits, s.key).toContain(s.businessUnit);
  });

  it('allocates no one more explicit hours than their AIMS hours', () => {
    for (const p of model.people) {
      const explicit = model.assignments.filter((a) => a.person === p.key).reduce((sum, a) => sum + (a.hoursPerWeek ?? 0), 0);
      expect(explicit, p.key).toBeLessThanOrEqual(p.aimsHoursPerWeek);
    }
  });
});
