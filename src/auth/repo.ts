import type { Kysely, Transaction } from 'kysely';
import type { ApiTokensTable, Database, SessionsTable, UsersTable } from '../db/types.js';

type Exec = Kysely<Database> | Transaction<Database>;

export const authRepo = {
  async insertSession(db: Exec, row: SessionsTable): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },
  findSessionUser(db: Exec, idHash: string): Promise<(UsersTable & { expires_at: string }) | undefined> {
    return db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select('sessions.expires_at')
      .where('sessions.id_hash', '=', idHash)
      .executeTakeFirst();
  },
  async deleteSession(db: Exec, idHash: string): Promise<void> {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  },
  async deleteUserSessions(db: Exec, userId: string): Promise<void> {
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  },
  async deleteExpiredSessions(db: Exec, now: string): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  },
  async insertToken(db: Exec, row: ApiTokensTable): Promise<void> {
    await db.insertInto('api_tokens').values(row).execute();
  },
  findTokenWithUser(
    db: Exec,
    tokenHash: string,
  ): Promise<
    | (UsersTable & {
        token_id: string;
        token_expires_at: string | null;
        token_revoked_at: string | null;
        token_last_used_at: string | null;
      })
    | undefined
  > {
    return db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.expires_at as token_expires_at',
        'api_tokens.revoked_at as token_revoked_at',
        'api_tokens.last_used_at as token_last_used_at',
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },
  findToken(db: Exec, id: string): Promise<ApiTokensTable | undefined> {
    return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  },
  listTokens(db: Exec, userId: string): Promise<ApiTokensTable[]> {
    return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  },
  async updateToken(db: Exec, id: string, patch: Partial<ApiTokensTable>): Promise<void> {
    await db.updateTable('api_tokens').set(patch).where('id', '=', id).execute();
  },
};
