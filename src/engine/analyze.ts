// analyze(): the determination engine's main entry point.
import { auditorAnswers } from './auditor.js';
import { runCore } from './core.js';
import type { AnalysisInput, AnalysisResult } from './types.js';

/** Demand, capacity, gaps and auditor answers for one period. Pure and deterministic. */
export function analyze(input: AnalysisInput): AnalysisResult {
  const { c, result } = runCore(input);
  if (input.options?.auditor === false) return result;
  return { ...result, auditorAnswers: auditorAnswers(c, result, { ...input, period: c.period }) };
}
