import type { Kysely, Transaction } from 'kysely';
import type { Database, OrganizationsTable } from '../db/types.js';

type Exec = Kysely<Database> | Transaction<Database>;

export const orgRepo = {
  list(db: Exec): Promise<OrganizationsTable[]> {
    return db.selectFrom('organizations').selectAll().orderBy('name').execute();
  },
  findById(db: Exec, id: string): Promise<OrganizationsTable | undefined> {
    return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  findByName(db: Exec, name: string): Promise<OrganizationsTable | undefined> {
    return db.selectFrom('organizations').selectAll().where('name', '=', name).executeTakeFirst();
  },
  async insert(db: Exec, row: OrganizationsTable): Promise<void> {
    await db.insertInto('organizations').values(row).execute();
  },
  async update(db: Exec, id: string, patch: Partial<OrganizationsTable>): Promise<void> {
    await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
  },
};
