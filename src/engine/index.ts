// Public API of the determination engine (pure: no I/O, no clock, no ambient randomness).
export { analyze } from './analyze.js';
export { whatIf, applyScenarios } from './whatif.js';
export { parsePeriod, defaultPeriod, EngineInputError } from './period.js';
export type { Period, PeriodInput, PeriodKind } from './period.js';
export { formatAnalysis, formatWhatIf, renderTable } from './present.js';
export type { TextFormat } from './present.js';
export { RULES, getRule } from './rules/index.js';
export type { RuleDefinition, RuleContext } from './rules/index.js';
export { QUESTIONS } from './auditor.js';
export * from './types.js';
