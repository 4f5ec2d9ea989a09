// The rules registry: one entry per rule id, in a stable order.
import { RULE_IDS, type RuleId } from '../types.js';
import { activityRules } from './activity.js';
import { operationalRules } from './operational.js';
import { resourceRules } from './resources.js';
import type { RuleDefinition } from './types.js';

export type { RuleContext, RuleDefinition } from './types.js';

const byId = new Map<RuleId, RuleDefinition>([...activityRules, ...resourceRules, ...operationalRules].map((r) => [r.id, r]));

/** Every rule, in RULE_IDS order. */
export const RULES: readonly RuleDefinition[] = RULE_IDS.map((id) => {
  const r = byId.get(id);
  if (!r) throw new Error(`rule ${id} is not registered`);
  return r;
});

export function getRule(id: RuleId): RuleDefinition {
  const r = byId.get(id);
  if (!r) throw new Error(`unknown rule ${id}`);
  return r;
}
