// The only SQL of the resourcing model. All entity tables share one layout (see the
// migration), so one generic repo serves them; the kind table (entities.ts) says which.
import type { Kysely, Transaction } from 'kysely';
import type { Database, ModelRowBase, ScopeVersionsTable } from '../db/types.js';
import type { ModelTable } from './entities.js';

/** A row: the shared columns plus the kind's filter columns (typed loosely on purpose). */
export type ModelRow = ModelRowBase & { [column: string]: string | number | null };
type LooseDb = Record<ModelTable, ModelRowBase>;
type Exec = Kysely<Database> | Transaction<Database>;
const loose = (db: Exec): Kysely<LooseDb> => db as unknown as Kysely<LooseDb>;

export interface ListQuery {
  filters: Record<string, string>;
  /** Case-insensitive substring of the name or key. */
  q?: string | undefined;
  retired: 'active' | 'retired' | 'all';
  sort: string;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export const modelRepo = {
  async list(db: Exec, table: ModelTable, orgId: string, query: ListQuery): Promise<{ rows: ModelRowBase[]; total: number }> {
    let base = loose(db).selectFrom(table).where('org_id', '=', orgId);
    for (const [column, value] of Object.entries(query.filters)) base = base.where(column as 'key', '=', value);
    if (query.retired !== 'all') base = base.where('retired', '=', query.retired === 'retired' ? 1 : 0);
    if (query.q) {
      const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      base = base.where((eb) =>
        eb.or([eb(eb.fn('lower', ['name']), 'like', eb.val(like)), eb(eb.fn('lower', ['key']), 'like', eb.val(like))]),
      );
    }
    const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await base
      .selectAll()
      .orderBy(query.sort as 'key', query.order)
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rows, total: Number(countRow?.n ?? 0) };
  },
  findById(db: Exec, table: ModelTable, orgId: string, id: string): Promise<ModelRowBase | undefined> {
    return loose(db).selectFrom(table).selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  },
  findByKey(db: Exec, table: ModelTable, orgId: string, key: string): Promise<ModelRowBase | undefined> {
    return loose(db).selectFrom(table).selectAll().where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();
  },
  /** Which of `keys` exist; asked in chunks to stay under the databases' parameter limits. */
  async existingKeys(db: Exec, table: ModelTable, orgId: string, keys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const rows = await loose(db).selectFrom(table).select('key').where('org_id', '=', orgId).where('key', 'in', chunk).execute();
      for (const r of rows) found.add(r.key);
    }
    return found;
  },
  all(db: Exec, table: ModelTable, orgId: string): Promise<ModelRowBase[]> {
    return loose(db).selectFrom(table).selectAll().where('org_id', '=', orgId).orderBy('key').execute();
  },
  async count(db: Exec, table: ModelTable, orgId: string): Promise<number> {
    const r = await loose(db)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async insert(db: Exec, table: ModelTable, row: ModelRow): Promise<void> {
    await loose(db)
      .insertInto(table)
      .values(row as ModelRowBase)
      .execute();
  },
  /** Optimistic update: changes the row only if it is still at `expectedVersion`. */
  async update(db: Exec, table: ModelTable, id: string, expectedVersion: number, patch: Partial<ModelRow>): Promise<boolean> {
    const result = await loose(db)
      .updateTable(table)
      .set(patch as Partial<ModelRowBase>)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async delete(db: Exec, table: ModelTable, id: string): Promise<void> {
    await loose(db).deleteFrom(table).where('id', '=', id).execute();
  },

  listScopeVersions(db: Exec, orgId: string): Promise<ScopeVersionsTable[]> {
    return db.selectFrom('scope_versions').selectAll().where('org_id', '=', orgId).orderBy('version_no').execute();
  },
  findScopeVersion(db: Exec, orgId: string, versionNo: number): Promise<ScopeVersionsTable | undefined> {
    return db.selectFrom('scope_versions').selectAll().where('org_id', '=', orgId).where('version_no', '=', versionNo).executeTakeFirst();
  },
  async insertScopeVersion(db: Exec, row: ScopeVersionsTable): Promise<void> {
    await db.insertInto('scope_versions').values(row).execute();
  },
  async updateScopeVersion(db: Exec, id: string, patch: Partial<ScopeVersionsTable>): Promise<void> {
    await db.updateTable('scope_versions').set(patch).where('id', '=', id).execute();
  },
  async deleteScopeVersions(db: Exec, orgId: string): Promise<void> {
    await db.deleteFrom('scope_versions').where('org_id', '=', orgId).execute();
  },
};
