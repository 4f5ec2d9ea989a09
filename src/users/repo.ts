import type { Kysely, Transaction } from 'kysely';
import type { Database, UsersTable } from '../db/types.js';

type Exec = Kysely<Database> | Transaction<Database>;

export const userRepo = {
  findByEmail(db: Exec, email: string): Promise<UsersTable | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },
  findById(db: Exec, id: string): Promise<UsersTable | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  findInOrg(db: Exec, orgId: string, id: string): Promise<UsersTable | undefined> {
    return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  },
  listByOrg(db: Exec, orgId: string): Promise<UsersTable[]> {
    return db.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('email').execute();
  },
  async insert(db: Exec, row: UsersTable): Promise<void> {
    await db.insertInto('users').values(row).execute();
  },
  async update(db: Exec, id: string, patch: Partial<UsersTable>): Promise<void> {
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
  },
};
