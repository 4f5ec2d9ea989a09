// Shared shapes and helpers for gap rules.
import type { ActivityCalc, Computation } from '../compute.js';
import type { Gap, OperationalField, OperationalInputs, RuleId, Severity, Subject, SubjectKind } from '../types.js';

export interface RuleContext {
  c: Computation;
  operational: OperationalInputs | undefined;
}

export interface RuleDefinition {
  id: RuleId;
  title: string;
  defaultSeverity: Severity;
  /** When the rule fires. */
  description: string;
  /** When severity is raised (or lowered) from the default. */
  severityNote: string;
  /** The usual fix (each gap carries a concrete one). */
  remediation: string;
  /** Model collections and settings the rule reads. */
  needs: readonly string[];
  /** Operational list the rule needs; the rule is skipped (and reported) without it. */
  operational: OperationalField | null;
  evaluate(ctx: RuleContext): Gap[];
}

export function makeGap(
  rule: RuleId,
  severity: Severity,
  subject: Subject,
  explanation: string,
  remediation: string,
  related: Subject[] = [],
  detail?: string,
): Gap {
  return {
    key: `${rule}:${subject.kind}:${subject.id}${detail ? `:${detail}` : ''}`,
    rule,
    severity,
    subject,
    related,
    explanation,
    remediation,
  };
}

export function subject(kind: SubjectKind, id: string, name: string): Subject {
  return { kind, id, name };
}

export function activitySubject(ac: ActivityCalc): Subject {
  return subject('activity', ac.activity.key, ac.activity.name);
}

/** Applies to high- or critical-risk, or regulated-decisioning, in-scope systems. */
export function highExposure(ac: ActivityCalc): boolean {
  return ac.exposure.maxTier === 'high' || ac.exposure.maxTier === 'critical' || ac.exposure.regulated > 0;
}

/** Applies to critical-risk or regulated-decisioning in-scope systems. */
export function criticalExposure(ac: ActivityCalc): boolean {
  return ac.exposure.maxTier === 'critical' || ac.exposure.regulated > 0;
}

export function personName(ctx: RuleContext, key: string): string {
  return ctx.c.anyPerson.get(key)?.name ?? key;
}

export function personSubject(ctx: RuleContext, key: string): Subject {
  return subject('person', key, personName(ctx, key));
}

export function competenceName(ctx: RuleContext, key: string): string {
  return ctx.c.competenceByKey.get(key)?.name ?? key;
}

/** Name lookup for any subject kind the model knows; falls back to the key. */
export function nameOf(ctx: RuleContext, kind: SubjectKind, key: string): string | null {
  const c = ctx.c;
  switch (kind) {
    case 'activity':
      return c.anyActivity.get(key)?.name ?? null;
    case 'person':
      return c.anyPerson.get(key)?.name ?? null;
    case 'ai-system':
      return c.systemByKey.get(key)?.name ?? null;
    case 'competence':
      return c.competenceByKey.get(key)?.name ?? null;
    case 'tool':
      return c.toolByKey.get(key)?.name ?? null;
    case 'budget-line':
      return c.budgetByKey.get(key)?.name ?? null;
    case 'third-party':
      return c.thirdPartyByKey.get(key)?.name ?? null;
    case 'organization':
      return c.model.organization.name ?? 'Organization';
    default:
      return null;
  }
}
