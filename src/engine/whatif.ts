// What-if runs: apply scenarios to a copy of the model, re-run the analysis, and report the delta.
import { AUTHORITIES, RISK_TIERS } from '../model/schema.js';
import type { ActivityCalc } from './compute.js';
import { cmp } from './compute.js';
import { resolvePeriod, runCore, type CoreRun } from './core.js';
import { EngineInputError } from './errors.js';
import { round2, round4 } from './format.js';
import type { AiSystem, Assignment, ModelFile, Person } from './model-types.js';
import { runMonteCarlo, validateMonteCarlo } from './montecarlo.js';
import type { Period } from './period.js';
import type { ActivityDelta, AnalysisInput, Gap, WhatIfResult, WhatIfScenario } from './types.js';

export interface AppliedScenarios {
  model: ModelFile;
  incidentFactor: number;
  monteCarlo: { runs: number; seed: number } | null;
  descriptions: string[];
}

const MAX_ADDED_SYSTEMS = 100_000;

/** A whole-period absence makes the person unavailable: no hours, no cover, no sign-off. */
export function absentAllPeriod(p: Person, period: Period): Person {
  return { ...p, absences: [...p.absences, { from: period.start, to: period.end, reason: 'what-if: absent the whole period' }] };
}

function slug(s: string): string {
  const x = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return x === '' ? 'person' : x;
}

function uniqueKey(base: string, taken: Set<string>): string {
  let k = base;
  for (let i = 2; taken.has(k); i++) k = `${base}-${i}`;
  taken.add(k);
  return k;
}

/**
 * Applies scenarios in the order given to a copy of the model (the input is never mutated).
 * Surge factors multiply; the last Monte Carlo request wins.
 */
export function applyScenarios(model: ModelFile, period: Period, scenarios: readonly WhatIfScenario[]): AppliedScenarios {
  let people: Person[] = model.people;
  let aiSystems: AiSystem[] = model.aiSystems;
  let assignments: Assignment[] = model.assignments;
  let incidentFactor = 1;
  let monteCarlo: { runs: number; seed: number } | null = null;
  const descriptions: string[] = [];
  const personKeys = new Set(model.people.map((p) => p.key));
  const systemKeys = new Set(model.aiSystems.map((s) => s.key));
  const activities = new Map(model.activities.map((a) => [a.key, a]));

  scenarios.forEach((s, i) => {
    const where = `scenarios[${i}]`;
    switch (s.kind) {
      case 'absent': {
        const p = people.find((x) => x.key === s.person);
        if (!p || p.retired) throw new EngineInputError(`${where}: no active person with key "${s.person}"`, `${where}.person`);
        const absent = absentAllPeriod(p, period);
        people = people.map((x) => (x.key === p.key ? absent : x));
        descriptions.push(`${p.name} is absent for all of ${period.label}`);
        break;
      }
      case 'add-systems': {
        if (!Number.isInteger(s.count) || s.count < 1 || s.count > MAX_ADDED_SYSTEMS)
          throw new EngineInputError(`${where}: count must be a whole number from 1 to ${MAX_ADDED_SYSTEMS}`, `${where}.count`);
        if (!(RISK_TIERS as readonly string[]).includes(s.tier))
          throw new EngineInputError(`${where}: tier must be one of ${RISK_TIERS.join(', ')}`, `${where}.tier`);
        const added: AiSystem[] = [];
        for (let n = 1; n <= s.count; n++) {
          const key = uniqueKey(`whatif-${s.tier}-${n}`, systemKeys);
          added.push({
            key,
            name: `What-if ${s.tier}-risk system ${n}`,
            description: 'synthetic system added by a what-if run',
            owner: null,
            builders: [],
            businessUnit: '',
            aiRole: 'deployer',
            riskTier: s.tier,
            lifecycleStage: 'deployed',
            dataSensitivity: 'internal',
            regulatedDecisioning: false,
            critical24x7: false,
            majorChangesPerYear: 1,
            incidentsPerYear: null,
            inScope: true,
            exclusionJustification: '',
            thirdParties: [],
            newInPeriod: true,
          });
        }
        aiSystems = [...aiSystems, ...added];
        descriptions.push(`${s.count} new ${s.tier}-risk ${s.count === 1 ? 'system arrives' : 'systems arrive'} in ${period.label}`);
        break;
      }
      case 'surge': {
        if (!Number.isFinite(s.factor) || s.factor < 0 || s.factor > 1000)
          throw new EngineInputError(`${where}: factor must be a number from 0 to 1000`, `${where}.factor`);
        incidentFactor *= s.factor;
        if (s.monteCarlo) {
          validateMonteCarlo(s.monteCarlo);
          monteCarlo = { runs: s.monteCarlo.runs, seed: s.monteCarlo.seed };
        }
        descriptions.push(
          `incident arrivals × ${s.factor}${s.monteCarlo ? ` (Monte Carlo: ${s.monteCarlo.runs} runs, seed ${s.monteCarlo.seed})` : ''}`,
        );
        break;
      }
      case 'add-person': {
        if (typeof s.name !== 'string' || s.name.trim() === '')
          throw new EngineInputError(`${where}: name must not be empty`, `${where}.name`);
        if (!Number.isFinite(s.hoursPerWeek) || s.hoursPerWeek < 0 || s.hoursPerWeek > 80)
          throw new EngineInputError(`${where}: hoursPerWeek must be from 0 to 80`, `${where}.hoursPerWeek`);
        for (const c of s.competences)
          if (!Number.isInteger(c.level) || c.level < 1 || c.level > 4)
            throw new EngineInputError(`${where}: competence ${c.competence} level must be 1–4`, `${where}.competences`);
        for (const a of s.authorities ?? [])
          if (!(AUTHORITIES as readonly string[]).includes(a))
            throw new EngineInputError(`${where}: unknown authority "${a}"`, `${where}.authorities`);
        const key = uniqueKey(`whatif-${slug(s.name)}`, personKeys);
        const person: Person = {
          key,
          name: s.name.trim(),
          email: '',
          title: '',
          team: '',
          employmentType: 'employee',
          competences: s.competences.map((c) => ({
            competence: c.competence,
            level: c.level,
            basis: 'training',
            evidence: 'what-if',
            validUntil: null,
          })),
          aimsHoursPerWeek: s.hoursPerWeek,
          absences: [],
          authorities: [...(s.authorities ?? [])],
          afterHours: s.afterHours ?? false,
          retired: false,
        };
        let targets: string[];
        if (s.assignTo !== undefined) {
          for (const k of s.assignTo) {
            const a = activities.get(k);
            if (!a || a.retired) throw new EngineInputError(`${where}: no active activity with key "${k}"`, `${where}.assignTo`);
          }
          targets = [...new Set(s.assignTo)];
        } else {
          // Default: every active activity with competence requirements the new person meets.
          const levels = new Map(s.competences.map((c) => [c.competence, c.level]));
          targets = [...activities.values()]
            .filter(
              (a) => !a.retired && a.competences.length > 0 && a.competences.every((r) => (levels.get(r.competence) ?? 0) >= r.minLevel),
            )
            .map((a) => a.key)
            .sort(cmp);
        }
        people = [...people, person];
        assignments = [
          ...assignments,
          ...targets.map((activity): Assignment => ({ activity, person: key, raci: 'R', backup: false, hoursPerWeek: null })),
        ];
        descriptions.push(
          `${person.name} joins with ${s.hoursPerWeek} h/week${targets.length > 0 ? `, performing ${targets.join(', ')}` : ', assigned to no activity'}`,
        );
        break;
      }
      default: {
        const kind = (s as { kind?: unknown }).kind;
        throw new EngineInputError(`${where}: unknown scenario kind "${String(kind)}"`, `${where}.kind`);
      }
    }
  });
  return { model: { ...model, people, aiSystems, assignments }, incidentFactor, monteCarlo, descriptions };
}

function activityDeltas(before: CoreRun, after: CoreRun): ActivityDelta[] {
  const keys = new Set<string>([...before.c.activityByKey.keys(), ...after.c.activityByKey.keys()]);
  const u = (x: number | null): number | null => (x === null ? null : round4(x));
  return [...keys].sort(cmp).map((key) => {
    const b: ActivityCalc | undefined = before.c.activityByKey.get(key);
    const a: ActivityCalc | undefined = after.c.activityByKey.get(key);
    const d: ActivityDelta = {
      key,
      name: (a ?? b)?.activity.name ?? key,
      demandBefore: round2(b?.demand.hours ?? 0),
      demandAfter: round2(a?.demand.hours ?? 0),
      capacityBefore: round2(b?.capacity.hours ?? 0),
      capacityAfter: round2(a?.capacity.hours ?? 0),
      utilizationBefore: u(b?.utilization ?? null),
      utilizationAfter: u(a?.utilization ?? null),
      qualifiedBefore: b?.capacity.qualifiedPeople.length ?? 0,
      qualifiedAfter: a?.capacity.qualifiedPeople.length ?? 0,
      changed: false,
    };
    d.changed =
      d.demandBefore !== d.demandAfter ||
      d.capacityBefore !== d.capacityAfter ||
      d.utilizationBefore !== d.utilizationAfter ||
      d.qualifiedBefore !== d.qualifiedAfter;
    return d;
  });
}

/** Gaps keyed by their stable key: what appeared, what was resolved, what changed severity. */
export function diffGaps(
  before: readonly Gap[],
  after: readonly Gap[],
): Pick<WhatIfResult, 'gapsAppeared' | 'gapsDisappeared' | 'severityChanged'> {
  const b = new Map(before.map((g) => [g.key, g]));
  const a = new Map(after.map((g) => [g.key, g]));
  return {
    gapsAppeared: after.filter((g) => !b.has(g.key)),
    gapsDisappeared: before.filter((g) => !a.has(g.key)),
    severityChanged: after
      .filter((g) => {
        const old = b.get(g.key);
        return old !== undefined && old.severity !== g.severity;
      })
      .map((g) => ({ key: g.key, rule: g.rule, subject: g.subject, before: b.get(g.key)?.severity ?? g.severity, after: g.severity })),
  };
}

/** Runs the baseline and the scenarios (combined) and returns the delta. Deterministic. */
export function whatIf(input: AnalysisInput, scenarios: readonly WhatIfScenario[]): WhatIfResult {
  const period = resolvePeriod(input);
  const base = { ...input, period };
  const before = runCore(base);
  const applied = applyScenarios(input.model, period, scenarios);
  const after = runCore({ ...base, model: applied.model }, { incidentFactor: applied.incidentFactor });
  return {
    period: before.result.period,
    asOf: input.asOf,
    scenarios: [...scenarios],
    descriptions: applied.descriptions,
    totals: { before: before.result.totals, after: after.result.totals },
    activities: activityDeltas(before, after),
    ...diffGaps(before.result.gaps, after.result.gaps),
    monteCarlo: applied.monteCarlo ? runMonteCarlo(after.c, applied.monteCarlo.runs, applied.monteCarlo.seed) : null,
  };
}
