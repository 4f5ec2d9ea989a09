// The resourcing model: one table per entity kind. Each row keeps the validated entity as
// JSON in `data`, plus the columns the API filters and sorts on. Entities refer to each
// other by `key`, unique per organization and immutable.
import type { Kysely } from 'kysely';

const KINDS: Record<string, string[]> = {
  competences: ['category'],
  activities: ['trigger_kind', 'coverage'],
  ai_systems: ['risk_tier', 'lifecycle_stage', 'owner', 'business_unit', 'in_scope'],
  people: ['team', 'employment_type', 'email'],
  assignments: ['activity', 'person', 'raci'],
  tools: ['category', 'owner'],
  budget_lines: ['category', 'currency', 'approved'],
  third_parties: ['kind', 'criticality', 'owner'],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, columns] of Object.entries(KINDS)) {
    let builder = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull());
    for (const column of columns) builder = builder.addColumn(column, 'text');
    await builder.addUniqueConstraint(`${table}_org_key_uq`, ['org_id', 'key']).execute();
    for (const column of columns) {
      await db.schema.createIndex(`${table}_${column}_idx`).on(table).columns(['org_id', column]).execute();
    }
  }

  await db.schema
    .createTable('scope_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addUniqueConstraint('scope_versions_org_version_uq', ['org_id', 'version_no'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scope_versions').execute();
  for (const table of Object.keys(KINDS)) await db.schema.dropTable(table).execute();
}
