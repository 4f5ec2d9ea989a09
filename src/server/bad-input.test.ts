import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importModel } from '../model/commands/import-model.js';
import { assertValidModel } from '../model/model-file.js';
import { createTestApp, type TestApp } from '../test/app.js';
import { testDialect } from '../test/db.js';

const DEMO = fs.readFileSync(path.resolve(import.meta.dirname, '../../examples/demo-bank.yaml'), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importModel(t.ctx, { kind: 'system', id: 't', label: 't' }, t.org.id, assertValidModel(DEMO));
});
afterAll(async () => {
  await t.close();
});

// Each case: a request a careless or hostile client might send. None may answer 5xx.
const CASES: {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  contentType?: string;
  status: number;
}[] = [
  { method: 'POST', url: '/api/v1/ai-systems', payload: [1, 2, 3], status: 400 },
  { method: 'POST', url: '/api/v1/ai-systems', payload: 'not json', contentType: 'application/json', status: 400 },
  { method: 'POST', url: '/api/v1/ai-systems', payload: '<xml/>', contentType: 'application/xml', status: 415 },
  { method: 'PATCH', url: '/api/v1/people/nope', payload: { version: 1, name: 'x' }, status: 404 },
  { method: 'PATCH', url: '/api/v1/people/nope', payload: { name: 'x' }, status: 400 },
  { method: 'PATCH', url: '/api/v1/people/nope', payload: { version: 'one' }, status: 400 },
  { method: 'GET', url: '/api/v1/people?limit=100000', status: 400 },
  { method: 'GET', url: '/api/v1/people?sort=password', status: 400 },
  { method: 'GET', url: '/api/v1/people?offset=-1', status: 400 },
  { method: 'GET', url: '/api/v1/analysis?period=2027Q9', status: 400 },
  { method: 'GET', url: '/api/v1/analysis?asOf=2027-13-45', status: 400 },
  { method: 'GET', url: '/api/v1/analysis/activities/no-such-activity', status: 404 },
  { method: 'POST', url: '/api/v1/analysis/what-if', payload: { scenarios: [{ kind: 'absent', person: 'nobody' }] }, status: 400 },
  { method: 'POST', url: '/api/v1/analysis/what-if', payload: { scenarios: [{ kind: 'surge', factor: -1 }] }, status: 400 },
  { method: 'POST', url: '/api/v1/analysis/what-if', payload: { scenarios: [] }, status: 400 },
  { method: 'GET', url: '/api/v1/gaps?status=closed', status: 400 },
  { method: 'PATCH', url: '/api/v1/gaps/nope', payload: { version: 1 }, status: 404 },
  { method: 'GET', url: '/api/v1/scope/versions/abc', status: 400 },
  { method: 'GET', url: '/api/v1/scope/versions/99', status: 404 },
  { method: 'PUT', url: '/api/v1/model', payload: 'format: [', contentType: 'application/yaml', status: 400 },
  { method: 'PUT', url: '/api/v1/model', payload: { format: 'other' }, status: 400 },
  {
    method: 'POST',
    url: '/api/v1/import/person?dryRun=false',
    payload: 'garbage',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    status: 422,
  },
  { method: 'POST', url: '/api/v1/import/robots?dryRun=true', payload: 'a,b', contentType: 'text/csv', status: 400 },
  { method: 'DELETE', url: '/api/v1/auth/tokens/nope', status: 404 },
  {
    method: 'PATCH',
    url: '/api/v1/organization/settings',
    payload: { version: 1, settings: { utilizationThreshold: 'high' } },
    status: 400,
  },
];

describe(`bad input gets a clear 4xx, never a 5xx (${testDialect()})`, () => {
  it.each(CASES)('$method $url → $status', async (c) => {
    const body = c.payload === undefined ? undefined : typeof c.payload === 'string' ? c.payload : JSON.stringify(c.payload);
    const res = await t.app.inject({
      method: c.method,
      url: c.url,
      headers: { cookie: t.org.cookies.admin, ...(body === undefined ? {} : { 'content-type': c.contentType ?? 'application/json' }) },
      ...(body === undefined ? {} : { payload: body }),
    });
    expect(res.statusCode, res.body).toBe(c.status);
    const error = (res.json() as { error: { message: string } }).error;
    expect(error.message.length).toBeGreaterThan(10);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
