// Seeded Monte Carlo over incident and change arrivals. Arrivals across a tier's systems are
// independent Poisson processes, so their sum is Poisson with the summed rate: one draw per tier
// per run, shared by every activity (a surge hits all incident work at once).
import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { RISK_TIERS } from '../model/schema.js';
import type { Computation } from './compute.js';
import { sampledDemand } from './demand.js';
import { EngineInputError } from './errors.js';
import { round2, round4 } from './format.js';
import type { RiskTier } from './model-types.js';
import type { MonteCarloResult } from './types.js';

export const MAX_RUNS = 100_000;

/** Uniform double in [0, 1) from 53 random bits. */
function uniform(rng: RandomGenerator): number {
  const a = rng.unsafeNext() >>> 5;
  const b = rng.unsafeNext() >>> 6;
  return (a * 67_108_864 + b) / 9_007_199_254_740_992;
}

const LOG_FACT_SMALL = [
  0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101, 8.525161361065415,
  10.60460290274525, 12.801827480081469,
];

function logFactorial(k: number): number {
  if (k < 10) return LOG_FACT_SMALL[k] ?? 0;
  const k2 = k * k;
  return (k + 0.5) * Math.log(k) - k + 0.9189385332046728 + 1 / (12 * k) - 1 / (360 * k * k2) + 1 / (1260 * k2 * k2 * k);
}

/** Poisson draw: multiplication method for small means, Hörmann's PTRS rejection for large ones. */
export function poisson(lambda: number, rng: RandomGenerator): number {
  if (lambda <= 0) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = uniform(rng);
    while (p > limit) {
      k++;
      p *= uniform(rng);
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform(rng) - 0.5;
    const v = uniform(rng);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
  }
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] ?? 0;
}

export function validateMonteCarlo(mc: { runs: number; seed: number }): void {
  if (!Number.isInteger(mc.runs) || mc.runs < 1 || mc.runs > MAX_RUNS)
    throw new EngineInputError(`monteCarlo.runs: expected a whole number from 1 to ${MAX_RUNS}, got ${mc.runs}`, 'monteCarlo.runs');
  if (!Number.isSafeInteger(mc.seed)) throw new EngineInputError(`monteCarlo.seed: expected an integer, got ${mc.seed}`, 'monteCarlo.seed');
}

/** p50/p95 demand per activity and overall, sampling Poisson change and incident counts. */
export function runMonteCarlo(c: Computation, runs: number, seed: number): MonteCarloResult {
  validateMonteCarlo({ runs, seed });
  const rng = xoroshiro128plus(seed);
  const yf = c.period.yearFraction;
  const changeRate = {} as Record<RiskTier, number>;
  const incidentRate = {} as Record<RiskTier, number>;
  for (const t of RISK_TIERS) {
    changeRate[t] = c.tiers[t].majorChangesPerYear * yf;
    incidentRate[t] = c.tiers[t].incidentsPerYear * c.incidentFactor * yf;
  }
  const acts = c.activities;
  const samples = acts.map(() => new Float64Array(runs));
  const totals = new Float64Array(runs);
  const changes = { low: 0, medium: 0, high: 0, critical: 0 } as Record<RiskTier, number>;
  const incidents = { low: 0, medium: 0, high: 0, critical: 0 } as Record<RiskTier, number>;
  for (let r = 0; r < runs; r++) {
    for (const t of RISK_TIERS) {
      changes[t] = poisson(changeRate[t], rng);
      incidents[t] = poisson(incidentRate[t], rng);
    }
    let total = 0;
    for (let i = 0; i < acts.length; i++) {
      const ac = acts[i];
      const arr = samples[i];
      if (!ac || !arr) continue;
      const d = sampledDemand(ac.activity, ac.demand.hours, changes, incidents);
      arr[r] = d;
      total += d;
    }
    totals[r] = total;
  }
  let expected = 0;
  let capacity = 0;
  const activities = acts.map((ac, i) => {
    const arr = samples[i] ?? new Float64Array(0);
    let over = 0;
    for (const d of arr) if (d > ac.capacity.hours) over++;
    arr.sort();
    expected += ac.demand.hours;
    capacity += ac.capacity.hours;
    return {
      key: ac.activity.key,
      name: ac.activity.name,
      expected: round2(ac.demand.hours),
      p50: round2(percentile(arr, 0.5)),
      p95: round2(percentile(arr, 0.95)),
      capacityHours: round2(ac.capacity.hours),
      shortfallProbability: round4(over / runs),
    };
  });
  let over = 0;
  for (const d of totals) if (d > capacity) over++;
  totals.sort();
  return {
    runs,
    seed,
    incidentFactor: c.incidentFactor,
    overall: {
      expected: round2(expected),
      p50: round2(percentile(totals, 0.5)),
      p95: round2(percentile(totals, 0.95)),
      capacityHours: round2(capacity),
      shortfallProbability: round4(over / runs),
    },
    activities,
  };
}
