// An in-process server over a fresh test database, with an organization, one user per role
// and helpers to call the API as each of them.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ROLES, type Role } from '../auth/permissions.js';
import { createOrganization } from '../orgs/commands/create-organization.js';
import { buildApp } from '../server/app.js';
import { addUser } from '../users/service.js';
import { createTestContext, type TestContext } from './db.js';

export const PASSWORD = 'correct-horse-battery';
const system = { kind: 'system' as const, id: 'test', label: 'test set-up' };

export interface TestOrg {
  id: string;
  name: string;
  /** Session cookie per role. */
  cookies: Record<Role, string>;
  emails: Record<Role, string>;
}

export interface TestApp {
  ctx: TestContext;
  app: FastifyInstance;
  org: TestOrg;
  addOrg(name: string): Promise<TestOrg>;
  as(role: Role, org?: TestOrg): Api;
  close(): Promise<void>;
}

export interface Api {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'adequate_session');
  if (!cookie) throw new Error('no session cookie');
  return `adequate_session=${cookie.value}`;
}

export async function createTestApp(opts: { seedCatalog?: boolean } = {}): Promise<TestApp> {
  const ctx = await createTestContext();
  const app = await buildApp(ctx);
  await app.ready();
  const slugOf = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

  const addOrg = async (name: string): Promise<TestOrg> => {
    const slug = slugOf(name);
    const created = await createOrganization(ctx, system, { name, seedCatalog: opts.seedCatalog ?? false });
    const cookies = {} as Record<Role, string>;
    const emails = {} as Record<Role, string>;
    for (const role of ROLES) {
      const email = `${role.replace('_', '-')}@${slug}.test`;
      await addUser(ctx, system, { orgId: created.organization.id, email, role, password: PASSWORD });
      emails[role] = email;
      cookies[role] = await login(app, email);
    }
    return { id: created.organization.id, name, cookies, emails };
  };

  const org = await addOrg('Acme Insurance');
  const as = (role: Role, o: TestOrg = org): Api => {
    const h = (extra?: Record<string, string>) => ({ cookie: o.cookies[role], ...extra });
    return {
      get: (url, headers) => app.inject({ method: 'GET', url, headers: h(headers) }),
      post: (url, body, headers) =>
        app.inject({ method: 'POST', url, headers: h(headers), ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body, headers) => app.inject({ method: 'PATCH', url, headers: h(headers), payload: body as object }),
      delete: (url, headers) => app.inject({ method: 'DELETE', url, headers: h(headers) }),
    };
  };
  return {
    ctx,
    app,
    org,
    addOrg,
    as,
    close: async () => {
      await app.close();
      await ctx.cleanup();
    },
  };
}
