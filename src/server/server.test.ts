import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createTestContext, createTestDatabase, testDialect, type TestContext } from '../test/db.js';
import { cliEnv } from '../test/cli.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.cleanup();
});

describe(`server (${testDialect()})`, () => {
  it('answers /healthz and /readyz, and publishes OpenAPI with docs', async () => {
    const app = await buildApp(ctx);
    try {
      expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: testDialect() });
      const spec = (await app.inject({ url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
      expect(spec.openapi).toMatch(/^3\./);
      const documented = new Set(
        Object.entries(spec.paths).flatMap(([p, methods]) => Object.keys(methods as object).map((m) => `${m} ${p}`)),
      );
      const served = app.registeredRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
      expect(served.length).toBeGreaterThan(40);
      for (const route of served) expect(documented, route).toContain(route);
      expect((await app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/' })).headers.location).toBe('/api/docs');
      const missing = await app.inject({ url: '/nope' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.message).toContain('/nope');
      const badJson = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      });
      expect(badJson.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('finishes an in-flight request when closing, then stops accepting', async () => {
    const app = await buildApp(ctx);
    app.get('/test/slow', async () => {
      await new Promise((r) => setTimeout(r, 300));
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const inFlight = fetch(`http://127.0.0.1:${port}/test/slow`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 50));
    const closed = app.close();
    expect(await inFlight).toEqual({ done: true });
    await closed;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('`adequate serve` first-run set-up, then SIGTERM exits 0 after closing the database', async () => {
    const tdb = await createTestDatabase();
    try {
      const port = String(40000 + Math.floor(Math.random() * 20000));
      const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../cli/main.ts'), 'serve'], {
        env: { ...process.env, ...cliEnv(tdb), ADEQUATE_PORT: port, ADEQUATE_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      for (let i = 0; i < 100 && !stdout.includes('Admin password'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(stdout).toContain(`http://127.0.0.1:${port}`);
      const password = /Admin password \(shown once, change it\): (\S+)/.exec(stdout)?.[1];
      expect(password).toBeTruthy();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@adequate.local', password }),
      });
      expect(res.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('"msg":"stopped"');
    } finally {
      await tdb.cleanup();
    }
  });
});
