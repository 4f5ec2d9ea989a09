import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestOrg } from '../test/app.js';
import { testDialect } from '../test/db.js';
import { PERMISSIONS, ROLES, type Role } from './permissions.js';

let t: TestApp;
let other: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  other = await t.addOrg('Other Bank');
});
afterAll(async () => {
  await t.close();
});

const mayWriteModel: Record<Role, boolean> = { admin: true, compliance_lead: true, contributor: false, approver: false, auditor: false };

describe(`the role table (${testDialect()})`, () => {
  it('gives every permission to at least one role and auditors no write', () => {
    for (const [perm, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length, perm).toBeGreaterThan(0);
      if (perm !== 'model:read' && perm !== 'users:read' && perm !== 'audit:read' && perm !== 'export:read' && perm !== 'self') {
        expect(roles as readonly string[], perm).not.toContain('auditor');
      }
    }
  });

  it.each(ROLES)('%s: reads the model; writes it only when the table says so', async (role) => {
    const api = t.as(role);
    expect((await api.get('/api/v1/competences')).statusCode).toBe(200);
    const res = await api.post('/api/v1/competences', { key: `c-${role.replace('_', '-')}`, name: `Competence for ${role}` });
    // Contributors may write only rows they own; a competence has no owner, so 403.
    expect(res.statusCode, res.body).toBe(mayWriteModel[role] ? 201 : 403);
    if (res.statusCode === 403) expect(res.json().error.message).toMatch(/role|own/);
  });

  it.each(ROLES)('%s: user administration only for admins', async (role) => {
    const res = await t.as(role).post('/api/v1/users', { email: `new-${role.replace('_', '-')}@acme.test`, role: 'auditor' });
    expect(res.statusCode).toBe(role === 'admin' ? 201 : 403);
  });

  it('an auditor write answers 403 everywhere it is tried', async () => {
    const api = t.as('auditor');
    expect((await api.post('/api/v1/ai-systems', {})).statusCode).toBe(403);
    expect((await api.patch('/api/v1/organization/settings', { version: 1, settings: {} })).statusCode).toBe(403);
    expect((await api.delete('/api/v1/people/x')).statusCode).toBe(403);
  });

  it('a user of one organization asking for an id of another gets 404', async () => {
    const created = await t.as('admin', other).post('/api/v1/competences', { key: 'secret-skill', name: 'Secret skill' });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect((await t.as('admin', other).get(`/api/v1/competences/${id}`)).statusCode).toBe(200);
    expect((await t.as('admin').get(`/api/v1/competences/${id}`)).statusCode).toBe(404);
    expect((await t.as('admin').patch(`/api/v1/competences/${id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    const list = (await t.as('auditor').get('/api/v1/competences?limit=500')).json() as { items: { key: string }[] };
    expect(list.items.map((i) => i.key)).not.toContain('secret-skill');
  });
});
