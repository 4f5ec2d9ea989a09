import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACTIVITY_KEYS,
  DEFAULT_COMPETENCE_KEYS,
  DEFAULT_TOOL_SET,
  DEFAULTS_RATIONALE,
  defaultActivities,
  defaultCompetences,
} from './defaults.js';
import { activitySchema, competenceSchema, keySchema, TOOL_CATEGORIES } from './schema.js';

describe('default catalog', () => {
  it('competences parse unchanged through competenceSchema', () => {
    for (const c of defaultCompetences()) expect(competenceSchema.parse(c)).toStrictEqual(c);
  });

  it('activities parse unchanged through activitySchema', () => {
    for (const a of defaultActivities()) expect(activitySchema.parse(a)).toStrictEqual(a);
  });

  it('has unique keys in each catalog and in the tool set', () => {
    const unique = (keys: string[]) => expect(new Set(keys).size).toBe(keys.length);
    unique(defaultCompetences().map((c) => c.key));
    unique(defaultActivities().map((a) => a.key));
    unique(DEFAULT_TOOL_SET.map((t) => t.key));
    for (const t of DEFAULT_TOOL_SET) {
      expect(keySchema.safeParse(t.key).success).toBe(true);
      expect(TOOL_CATEGORIES).toContain(t.category);
    }
  });

  it('every activity refers only to catalog competences and default tools', () => {
    const competences = new Set(defaultCompetences().map((c) => c.key));
    const tools = new Set<string>(DEFAULT_TOOL_SET.map((t) => t.key));
    for (const a of defaultActivities()) {
      expect(a.competences.length, a.key).toBeGreaterThan(0);
      for (const c of a.competences) expect(competences, `${a.key} → ${c.competence}`).toContain(c.competence);
      expect(a.tools.length, a.key).toBeGreaterThan(0);
      for (const t of a.tools) expect(tools, `${a.key} → ${t}`).toContain(t);
    }
  });

  it('every catalog competence is needed by some activity, and every default tool is used', () => {
    const needed = new Set(defaultActivities().flatMap((a) => a.competences.map((c) => c.competence)));
    for (const k of DEFAULT_COMPETENCE_KEYS) expect(needed, k).toContain(k);
    const used = new Set(defaultActivities().flatMap((a) => a.tools));
    for (const t of DEFAULT_TOOL_SET) expect(used, t.key).toContain(t.key);
  });

  it('covers the activities the product brief requires, with their triggers and flags', () => {
    const byKey = new Map(defaultActivities().map((a) => [a.key, a]));
    const get = (k: string) => {
      const a = byKey.get(k);
      if (!a) throw new Error(`missing activity ${k}`);
      return a;
    };
    expect(get('ai-system-intake').trigger.kind).toBe('per-new-system');
    expect(get('risk-assessment').trigger.kind).toBe('per-major-change');
    expect(get('periodic-risk-review').trigger).toMatchObject({ kind: 'periodic', per: 'system' });
    const pdr = get('pre-deployment-review');
    expect(pdr).toMatchObject({ independence: true, stopLaunchAuthority: true });
    expect(pdr.trigger.kind).toBe('per-major-change');
    expect(pdr.effortHours).toEqual({ low: 4, medium: 8, high: 16, critical: 32 });
    expect(get('data-governance-check')).toBeDefined();
    expect(get('monitoring').coverage).toBe('24x7');
    expect(get('incident-response')).toMatchObject({ coverage: '24x7', trigger: { kind: 'per-incident' } });
    const training = get('training-awareness');
    expect(training.trigger).toMatchObject({ kind: 'periodic', per: 'organization' });
    expect(training.flatEffortHours).toBeGreaterThan(0);
    expect(get('internal-audit-support')).toMatchObject({
      independence: true,
      trigger: { kind: 'periodic', per: 'organization' },
    });
    expect(get('third-party-due-diligence').trigger.kind).toBe('periodic');
    const adequacy = get('adequacy-review');
    expect(adequacy.trigger).toMatchObject({ kind: 'periodic', per: 'organization' });
    expect(adequacy.trigger.intervalDays).toBeGreaterThanOrEqual(90);
    expect(adequacy.trigger.intervalDays).toBeLessThanOrEqual(92);
  });

  it('per-system effort never falls as the risk tier rises, and org-wide work has a flat figure', () => {
    for (const a of defaultActivities()) {
      const e = a.effortHours;
      expect(e.low <= e.medium && e.medium <= e.high && e.high <= e.critical, a.key).toBe(true);
      if (a.trigger.kind === 'periodic' && a.trigger.per === 'organization') expect(a.flatEffortHours, a.key).toBeGreaterThan(0);
      else expect(e.critical, a.key).toBeGreaterThan(0);
      expect(a.evidenceTypes.length, a.key).toBeGreaterThan(0);
      expect(a.isoRefs.length, a.key).toBeGreaterThan(0);
      for (const ref of a.isoRefs) expect(ref).toMatch(/^(\d+(\.\d+)*|A\.\d+(\.\d+)*)$/);
    }
  });

  it('explains every activity in DEFAULTS_RATIONALE', () => {
    expect(Object.keys(DEFAULTS_RATIONALE.activities).sort()).toEqual([...DEFAULT_ACTIVITY_KEYS].sort());
    for (const text of Object.values(DEFAULTS_RATIONALE.activities)) expect(text.length).toBeGreaterThan(40);
  });

  it('returns fresh copies each call', () => {
    const a = defaultActivities();
    a[0]!.competences.push({ competence: 'x', minLevel: 1 });
    a[0]!.effortHours.low = 999;
    const b = defaultActivities();
    expect(b[0]!.competences.some((c) => c.competence === 'x')).toBe(false);
    expect(b[0]!.effortHours.low).not.toBe(999);
  });
});
