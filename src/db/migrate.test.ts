import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, testDialect, type TestDatabase } from '../test/db.js';
import { openDatabase } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

let tdb: TestDatabase | undefined;
afterEach(async () => {
  await tdb?.cleanup();
  tdb = undefined;
});

describe(`migrations (${testDialect()})`, () => {
  it('apply in order on an empty database, then have nothing left to do', async () => {
    tdb = await createTestDatabase();
    const db = openDatabase(testConfig(tdb));
    try {
      const first = await migrateToLatest(db);
      expect(first.applied).toEqual(Object.keys(migrations).sort());
      const second = await migrateToLatest(db);
      expect(second.applied).toEqual([]);
      await sql`select count(*) from audit_log`.execute(db.kysely);
      await sql`select count(*) from ai_systems`.execute(db.kysely);
    } finally {
      await db.close();
    }
  });

  it('are named with a timestamp and run down and up again', async () => {
    for (const name of Object.keys(migrations)) expect(name).toMatch(/^\d{8}T\d{6}_[a-z_]+$/);
    tdb = await createTestDatabase();
    const db = openDatabase(testConfig(tdb));
    try {
      await migrateToLatest(db);
      for (const name of Object.keys(migrations).reverse()) await migrations[name]?.down?.(db.kysely);
      await db.kysely.schema.dropTable('kysely_migration').execute();
      await db.kysely.schema.dropTable('kysely_migration_lock').execute();
      const again = await migrateToLatest(db);
      expect(again.applied).toHaveLength(Object.keys(migrations).length);
    } finally {
      await db.close();
    }
  });

  it('two instances starting together migrate once', async () => {
    tdb = await createTestDatabase();
    const a = openDatabase(testConfig(tdb));
    const b = openDatabase(testConfig(tdb));
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      expect(ra.applied.length + rb.applied.length).toBe(Object.keys(migrations).length);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
