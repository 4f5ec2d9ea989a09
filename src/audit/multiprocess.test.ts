import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../orgs/commands/create-organization.js';
import { cliEnv, runCli } from '../test/cli.js';
import { createTestContext, testDialect, type TestContext } from '../test/db.js';
import { verifyAuditChain } from './service.js';
import { inWrite } from './write.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.cleanup();
});

describe(`the server and CLI processes writing at once (${testDialect()})`, () => {
  it('all succeed, and the audit chain neither fails nor forks', async () => {
    const actor = { kind: 'system' as const, id: 't', label: 't' };
    const { organization } = await createOrganization(ctx, actor, { name: 'Busy Co', seedCatalog: true });
    const env = cliEnv({ dataDir: ctx.config.dataDir, databaseUrl: ctx.config.databaseUrl });
    const children = Promise.all([
      runCli(['demo', '--org', 'Busy Co'], env),
      runCli(['user', 'add', 'one@busy.test', '--role', 'auditor', '--org', 'Busy Co'], env),
      runCli(['user', 'add', 'two@busy.test', '--role', 'auditor', '--org', 'Busy Co'], env),
      runCli(['user', 'add', 'three@busy.test', '--role', 'auditor', '--org', 'Busy Co'], env),
      runCli(['org', 'add', 'Other Busy Co'], env),
    ]);
    let childrenDone = false;
    void children.then(() => (childrenDone = true));
    const failures: string[] = [];
    // Keep writing for as long as the child processes run.
    for (let i = 0; !childrenDone || i < 20; i++) {
      try {
        // Read, think, then write: the shape of most service writes, and the one that fails
        // when a read lock has to be upgraded after another process committed.
        await inWrite(ctx.db, organization.id, actor, async (w) => {
          await w.trx.selectFrom('organizations').selectAll().execute();
          await new Promise((r) => setTimeout(r, 15));
          await w.audit('probe', String(i), 'touch', undefined, { i });
        });
      } catch (e) {
        failures.push(String(e));
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const results = await children;
    expect(failures).toEqual([]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const check = await verifyAuditChain(ctx.db.kysely);
    expect(check.ok, JSON.stringify(check.firstBreak)).toBe(true);
  });
});
