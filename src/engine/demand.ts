// Demand: occurrences that an activity's trigger produces over the in-scope AI systems × effort.
// Systems are first folded into per-tier aggregates (one pass), so each activity costs O(tiers).
import { RISK_TIERS } from '../model/schema.js';
import { fraction, h, num, plural } from './format.js';
import type { Activity, AiSystem, OrgSettings, RiskTier } from './model-types.js';
import type { Period } from './period.js';
import type { DemandTerm } from './types.js';

/** Highest risk first: rationales read best when the heavy tiers lead. */
export const TIERS_DESC: readonly RiskTier[] = [...RISK_TIERS].reverse();

export interface TierAggregate {
  systems: number;
  newInPeriod: number;
  majorChangesPerYear: number;
  majorMin: number;
  majorMax: number;
  incidentsPerYear: number;
  incidentMin: number;
  incidentMax: number;
  /** Systems whose incident rate came from the organization default. */
  incidentsDefaulted: number;
  regulated: number;
  critical24x7: AiSystem[];
}

export type TierAggregates = Record<RiskTier, TierAggregate>;

function emptyAggregate(): TierAggregate {
  return {
    systems: 0,
    newInPeriod: 0,
    majorChangesPerYear: 0,
    majorMin: Infinity,
    majorMax: -Infinity,
    incidentsPerYear: 0,
    incidentMin: Infinity,
    incidentMax: -Infinity,
    incidentsDefaulted: 0,
    regulated: 0,
    critical24x7: [],
  };
}

/** Folds the in-scope systems into per-tier sums (incident rates resolved against settings). */
export function aggregateTiers(systems: readonly AiSystem[], settings: OrgSettings): TierAggregates {
  const agg: TierAggregates = {
    low: emptyAggregate(),
    medium: emptyAggregate(),
    high: emptyAggregate(),
    critical: emptyAggregate(),
  };
  for (const s of systems) {
    const a = agg[s.riskTier];
    a.systems++;
    if (s.newInPeriod) a.newInPeriod++;
    a.majorChangesPerYear += s.majorChangesPerYear;
    a.majorMin = Math.min(a.majorMin, s.majorChangesPerYear);
    a.majorMax = Math.max(a.majorMax, s.majorChangesPerYear);
    const inc = s.incidentsPerYear ?? settings.incidentsPerYearByTier[s.riskTier];
    if (s.incidentsPerYear === null) a.incidentsDefaulted++;
    a.incidentsPerYear += inc;
    a.incidentMin = Math.min(a.incidentMin, inc);
    a.incidentMax = Math.max(a.incidentMax, inc);
    if (s.regulatedDecisioning) a.regulated++;
    if (s.critical24x7) a.critical24x7.push(s);
  }
  return agg;
}

export interface DemandContext {
  period: Period;
  tiers: TierAggregates;
  /** Incident arrival multiplier (surge what-if); 1 normally. */
  incidentFactor: number;
}

export interface DemandCalc {
  hours: number;
  terms: DemandTerm[];
  text: string;
}

export function applicableTiers(activity: Activity): RiskTier[] {
  return TIERS_DESC.filter((t) => activity.appliesToTiers.length === 0 || activity.appliesToTiers.includes(t));
}

function tierWord(tier: RiskTier, systems: number, first: boolean): string {
  if (!first) return tier;
  return `${tier}-risk ${systems === 1 ? 'system' : 'systems'}`;
}

function noDemand(activity: Activity, why: string): DemandCalc {
  return { hours: 0, terms: [], text: `${activity.name}: 0 h — ${why}` };
}

function tiersPhrase(activity: Activity): string {
  return activity.appliesToTiers.length === 0 ? 'any tier' : `the tiers it applies to (${applicableTiers(activity).join(', ')})`;
}

function flatIgnoredNote(activity: Activity): string {
  return activity.flatEffortHours !== undefined ? ' (flatEffortHours is not used: it applies to organization-wide work)' : '';
}

function finish(activity: Activity, terms: DemandTerm[], note = ''): DemandCalc {
  const hours = terms.reduce((s, t) => s + t.hours, 0);
  return {
    hours,
    terms,
    text: `${activity.name}: ${terms.map((t) => t.text).join(' + ')} = ${h(hours)}${note}`,
  };
}

/** Computes one activity's demand for the period, exactly, with a plain-language rationale. */
export function computeDemand(activity: Activity, ctx: DemandContext): DemandCalc {
  const { period, tiers } = ctx;
  const trig = activity.trigger;
  const yf = period.yearFraction;
  const tiersIn = applicableTiers(activity).filter((t) => tiers[t].systems > 0);

  switch (trig.kind) {
    case 'continuous': {
      const hpw = trig.hoursPerWeek ?? 0;
      const hours = hpw * period.weeks;
      return finish(activity, [
        {
          basis: 'continuous',
          tier: null,
          systems: null,
          ratePerYear: null,
          occurrences: period.weeks,
          hoursPerOccurrence: hpw,
          hours,
          text: `${num(hpw)} h/week × ${num(period.weeks)} weeks`,
        },
      ]);
    }
    case 'periodic': {
      const interval = trig.intervalDays ?? period.planningDays;
      const occ = period.planningDays / interval;
      const occText = `${num(occ)} ${num(occ) === '1' ? 'occurrence' : 'occurrences'} (every ${plural(interval, 'day')} over ${num(period.planningDays)} days)`;
      if (trig.per === 'organization') {
        const effort = activity.flatEffortHours ?? 0;
        if (activity.flatEffortHours === undefined)
          return noDemand(activity, 'organization-wide periodic work with no flatEffortHours set');
        return finish(activity, [
          {
            basis: 'periodic-organization',
            tier: null,
            systems: null,
            ratePerYear: null,
            occurrences: occ,
            hoursPerOccurrence: effort,
            hours: occ * effort,
            text: `${occText} × ${h(effort)}`,
          },
        ]);
      }
      if (tiersIn.length === 0) return noDemand(activity, `no in-scope systems in ${tiersPhrase(activity)}`);
      const terms = tiersIn.map((t, i): DemandTerm => {
        const n = tiers[t].systems;
        const e = activity.effortHours[t];
        return {
          basis: 'periodic-system',
          tier: t,
          systems: n,
          ratePerYear: null,
          occurrences: n * occ,
          hoursPerOccurrence: e,
          hours: n * occ * e,
          text: i === 0 ? `${num(n)} ${tierWord(t, n, true)} × ${occText} × ${h(e)}` : `${num(n)} ${t} × ${num(occ)} × ${h(e)}`,
        };
      });
      return finish(activity, terms, flatIgnoredNote(activity));
    }
    case 'per-new-system': {
      const withNew = tiersIn.filter((t) => tiers[t].newInPeriod > 0);
      if (withNew.length === 0)
        return noDemand(activity, `no in-scope systems in ${tiersPhrase(activity)} are expected to be new this period`);
      const terms = withNew.map((t, i): DemandTerm => {
        const n = tiers[t].newInPeriod;
        const e = activity.effortHours[t];
        return {
          basis: 'new-systems',
          tier: t,
          systems: n,
          ratePerYear: null,
          occurrences: n,
          hoursPerOccurrence: e,
          hours: n * e,
          text: i === 0 ? `${num(n)} new ${tierWord(t, n, true)} × ${h(e)}` : `${num(n)} new ${t} × ${h(e)}`,
        };
      });
      return finish(activity, terms, flatIgnoredNote(activity));
    }
    case 'per-major-change':
    case 'per-incident': {
      if (tiersIn.length === 0) return noDemand(activity, `no in-scope systems in ${tiersPhrase(activity)}`);
      const incidents = trig.kind === 'per-incident';
      const factor = incidents ? ctx.incidentFactor : 1;
      const terms = tiersIn.map((t, i): DemandTerm => {
        const a = tiers[t];
        const n = a.systems;
        const e = activity.effortHours[t];
        const rate = (incidents ? a.incidentsPerYear : a.majorChangesPerYear) * factor;
        const occ = rate * yf;
        const uniform = incidents ? a.incidentMin === a.incidentMax : a.majorMin === a.majorMax;
        const each = incidents ? a.incidentMin : a.majorMin;
        const unit = incidents ? 'incident' : 'major change';
        const surge = factor !== 1 ? ` × ${num(factor)} (surge)` : '';
        let text: string;
        if (i === 0) {
          const dflt = incidents && a.incidentsDefaulted === n ? ' (organization default)' : '';
          const rateText = uniform
            ? `${num(n)} ${tierWord(t, n, true)} × ${plural(each, unit)} a year${dflt}`
            : `${num(n)} ${tierWord(t, n, true)} with ${plural(rate / factor, unit)} a year in total`;
          text = `${rateText}${surge} × ${fraction(yf)} year × ${h(e)}`;
        } else {
          const rateText = uniform ? `${num(n)} ${t} × ${num(each)}` : `${num(n)} ${t} (${num(rate / factor)} a year in total)`;
          text = `${rateText}${surge} × ${fraction(yf)} × ${h(e)}`;
        }
        return {
          basis: incidents ? 'incidents' : 'major-changes',
          tier: t,
          systems: n,
          ratePerYear: rate,
          occurrences: occ,
          hoursPerOccurrence: e,
          hours: occ * e,
          text,
        };
      });
      return finish(activity, terms, flatIgnoredNote(activity));
    }
  }
}

/**
 * Demand of a per-change or per-incident activity given sampled occurrence counts per tier
 * (Monte Carlo). Other trigger kinds do not depend on arrivals, so they keep their exact demand.
 */
export function sampledDemand(
  activity: Activity,
  exact: number,
  changes: Record<RiskTier, number>,
  incidents: Record<RiskTier, number>,
): number {
  const k = activity.trigger.kind;
  if (k !== 'per-major-change' && k !== 'per-incident') return exact;
  const counts = k === 'per-incident' ? incidents : changes;
  let total = 0;
  for (const t of applicableTiers(activity)) total += counts[t] * activity.effortHours[t];
  return total;
}
