// Types derived from the model schema that the schema module does not export by name.
import type { AUTHORITIES, EVIDENCE_TYPES } from '../model/schema.js';

export type {
  Activity,
  AiSystem,
  BudgetLine,
  Competence,
  ModelFile,
  OrgSettings,
  Person,
  RiskTier,
  ThirdParty,
  Tool,
  Assignment,
} from '../model/schema.js';
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export type Authority = (typeof AUTHORITIES)[number];
