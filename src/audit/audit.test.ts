import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';
import { cliEnv, runCli } from '../test/cli.js';
import { testDialect } from '../test/db.js';
import { GENESIS_HASH, verifyAuditChain } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`audit log (${testDialect()})`, () => {
  it('records every write with who, what, before and after, chained by hash', async () => {
    const api = t.as('compliance_lead');
    const created = (await api.post('/api/v1/competences', { key: 'audit-me', name: 'Audit me' })).json() as { id: string };
    await api.patch(`/api/v1/competences/${created.id}`, { version: 1, name: 'Audited' });
    const log = (await t.as('auditor').get(`/api/v1/audit?entity=competence&entityId=${created.id}`)).json() as {
      items: { action: string; actor: { label: string }; before: { name?: string } | null; after: { name?: string } | null }[];
    };
    expect(log.items.map((i) => i.action)).toEqual(['update', 'create']);
    expect(log.items[0]).toMatchObject({
      actor: { label: t.org.emails.compliance_lead },
      before: { name: 'Audit me' },
      after: { name: 'Audited' },
    });

    const rows = await t.ctx.db.kysely.selectFrom('audit_log').selectAll().where('org_id', '=', t.org.id).orderBy('seq').execute();
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect((await verifyAuditChain(t.ctx.db.kysely)).ok).toBe(true);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const api = t.as('admin');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api.post('/api/v1/competences', { key: `concurrent-${i}`, name: `Concurrent ${i}` })),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect((await verifyAuditChain(t.ctx.db.kysely)).ok).toBe(true);
  });

  it('a row changed by SQL makes verify fail and name that entry, and `adequate verify` exit non-zero', async () => {
    const env = cliEnv({ dataDir: t.ctx.config.dataDir, databaseUrl: t.ctx.config.databaseUrl });
    const good = await runCli(['verify'], env);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/intact/);

    const victim = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select('seq')
      .where('org_id', '=', t.org.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    await t.ctx.db.kysely
      .updateTable('audit_log')
      .set({ after: '{"name":"Tampered"}' })
      .where('org_id', '=', t.org.id)
      .where('seq', '=', victim.seq)
      .execute();

    const result = await verifyAuditChain(t.ctx.db.kysely);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ orgId: t.org.id, seq: victim.seq });

    const bad = await runCli(['verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`entry ${victim.seq}`);
    expect(bad.stderr).toContain(t.org.id);
  });

  it('a deleted entry is caught as a gap in the sequence', async () => {
    const org = await t.addOrg('Deleted Entry Co');
    await t.ctx.db.kysely.deleteFrom('audit_log').where('org_id', '=', org.id).where('seq', '=', 2).execute();
    const result = await verifyAuditChain(t.ctx.db.kysely);
    expect(result.ok).toBe(false);
  });
});
