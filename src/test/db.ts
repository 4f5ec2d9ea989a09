// Test databases: a fresh SQLite file, or a fresh PostgreSQL database when the suite runs in
// its PostgreSQL pass (ADEQUATE_TEST_DIALECT=postgres). Each is removed at cleanup.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import type { AppContext } from '../app/context.js';
import { loadConfig, type Config } from '../config/config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

export const testDialect = (): 'sqlite' | 'postgres' => (process.env['ADEQUATE_TEST_DIALECT'] === 'postgres' ? 'postgres' : 'sqlite');

export interface TestDatabase {
  dataDir: string;
  databaseUrl: string | undefined;
  cleanup(): Promise<void>;
}

/** Creates an empty database (not migrated) and a data dir, both private to the caller. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adequate-test-'));
  const removeDir = (): void => fs.rmSync(dataDir, { recursive: true, force: true });
  if (testDialect() === 'sqlite') return { dataDir, databaseUrl: undefined, cleanup: async () => removeDir() };

  const adminUrl = process.env['ADEQUATE_TEST_DATABASE_URL'];
  if (!adminUrl) throw new Error('ADEQUATE_TEST_DATABASE_URL is not set for the PostgreSQL pass');
  const name = `adequate_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    cleanup: async () => {
      removeDir();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(tdb: TestDatabase, extra: Record<string, string> = {}): Config {
  return loadConfig({
    ADEQUATE_DATA_DIR: tdb.dataDir,
    ...(tdb.databaseUrl ? { ADEQUATE_DATABASE_URL: tdb.databaseUrl } : {}),
    ADEQUATE_LOG_LEVEL: 'silent',
    ...extra,
  });
}

export interface TestContext extends AppContext {
  cleanup(): Promise<void>;
}

/** A migrated database with a silent logger. */
export async function createTestContext(): Promise<TestContext> {
  const tdb = await createTestDatabase();
  const config = testConfig(tdb);
  const db = openDatabase(config);
  await migrateToLatest(db);
  return {
    config,
    db,
    logger: pino({ level: 'silent' }),
    cleanup: async () => {
      await db.close();
      await tdb.cleanup();
    },
  };
}
