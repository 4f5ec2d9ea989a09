import { Migrator, type MigrationResultSet } from 'kysely';
import { AppError } from '../errors/catalogue.js';
import type { Db } from './connect.js';
import { migrations } from './migrations/index.js';

export interface MigrateOutcome {
  applied: string[];
}

/**
 * Brings the schema up to date. On PostgreSQL Kysely's migrator holds an advisory lock, so
 * two instances starting together do not both migrate; the second sees nothing to do.
 */
export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  // SQLite has no lock Kysely can take across connections: when two processes migrate at
  // once, the loser's transaction fails and rolls back; trying again finds the work done.
  const attempts = db.dialect === 'sqlite' ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(db);
    } catch (e) {
      if (attempt >= attempts) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function migrateOnce(db: Db): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    if (!failed) {
      // No migration ran: the database itself could not be reached or opened.
      const hint =
        db.dialect === 'postgres'
          ? 'check ADEQUATE_DATABASE_URL and that the PostgreSQL server is running and the database exists'
          : 'check that ADEQUATE_DATA_DIR is a writable folder';
      throw new AppError('CONFIG_INVALID', `Cannot open the database at ${db.location}: ${reason}; ${hint}.`, { cause: result.error });
    }
    throw new AppError(
      'INTERNAL',
      `Database migration ${failed} failed: ${reason}. Nothing after it was applied; fix the cause and run "adequate db migrate" again.`,
      { cause: result.error },
    );
  }
  return { applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
