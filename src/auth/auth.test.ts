import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from './service.js';
import { createTestApp, login, PASSWORD, type TestApp } from '../test/app.js';
import { testDialect } from '../test/db.js';
import { userRepo } from '../users/repo.js';
import { addUser } from '../users/service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const PUBLIC = ['/api/v1/auth/login', '/api/v1/model.schema.json'];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const system = { kind: 'system' as const, id: 'test', label: 'test' };

async function tokenFor(role: 'admin' | 'auditor', expiresInDays: number | null = 30) {
  const user = await userRepo.findByEmail(t.ctx.db.kysely, t.org.emails[role]);
  if (!user) throw new Error('no user');
  return createToken(t.ctx, { userId: user.id, orgId: user.org_id, email: user.email }, system, { name: 'test', expiresInDays });
}

describe(`authentication (${testDialect()})`, () => {
  it('logs in with the right password and sets an httpOnly, SameSite=Lax cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: t.org.emails.admin, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: t.org.emails.admin, role: 'admin' });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it('refuses a wrong password and an unknown e-mail with the same 401', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: t.org.emails.admin, password: 'nope-nope-nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ghost@x.test', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('rejects a malformed login body with 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'not-an-email' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('email');
  });

  it('answers 401 on every /api/v1 route without credentials, except login and the public model schema', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1') || PUBLIC.includes(path)) continue;
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{[^}]+\}/g, 'x');
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          payload: method === 'get' || method === 'delete' ? undefined : {},
        });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('accepts a bearer token, then refuses it once revoked', async () => {
    const { token, view } = await tokenFor('admin');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).json()).toMatchObject({
      via: 'token',
      role: 'admin',
    });
    const user = await userRepo.findByEmail(t.ctx.db.kysely, t.org.emails.admin);
    await revokeToken(t.ctx, { orgId: t.org.id, userId: user!.id, isAdmin: true }, system, view.id);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/revoked/);
  });

  it('refuses an expired token and a made-up one', async () => {
    const { token, view } = await tokenFor('auditor');
    await t.ctx.db.kysely.updateTable('api_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', view.id).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer('adq_madeup') })).statusCode).toBe(401);
  });

  it('creates and revokes tokens through the API, showing the secret once', async () => {
    const api = t.as('contributor');
    const created = await api.post('/api/v1/auth/tokens', { name: 'script', expiresInDays: 7 });
    expect(created.statusCode).toBe(201);
    const { token, tokenInfo } = created.json() as { token: string; tokenInfo: { id: string } };
    expect(token).toMatch(/^adq_/);
    const list = (await api.get('/api/v1/auth/tokens')).json() as { items: Record<string, unknown>[] };
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await api.delete(`/api/v1/auth/tokens/${tokenInfo.id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('changes my own password: the old one stops working, other sessions end, this one stays', async () => {
    const email = 'password-changer@acme.test';
    await addUser(t.ctx, system, { orgId: t.org.id, email, role: 'contributor', password: PASSWORD });
    const mine = await login(t.app, email);
    const other = await login(t.app, email);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: mine },
      payload: { currentPassword: 'nope', newPassword: 'a-new-password-1' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: mine },
      payload: { currentPassword: PASSWORD, newPassword: 'a-new-password-1' },
    });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: mine } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } })).statusCode).toBe(
      401,
    );
    await login(t.app, email, 'a-new-password-1');
  });

  it('ends the session at logout', async () => {
    const cookie = await login(t.app, t.org.emails.approver);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
