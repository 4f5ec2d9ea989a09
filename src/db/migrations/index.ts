// Every migration, by name. Names start with a UTC timestamp so they sort in run order.
// Migrations import only kysely, never application code, so they stay valid forever.
import type { Migration } from 'kysely';
import * as foundation from './20261203T160000_foundation.js';
import * as resourcingModel from './20261203T170000_resourcing_model.js';
import * as gapRegister from './20261203T180000_gap_register.js';

export const migrations: Record<string, Migration> = {
  '20261203T160000_foundation': foundation,
  '20261203T170000_resourcing_model': resourcingModel,
  '20261203T180000_gap_register': gapRegister,
};
