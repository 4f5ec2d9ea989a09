import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/catalogue.js';
import { runCli } from '../test/cli.js';
import { loadConfig } from './config.js';

describe('config', () => {
  it('has a sane default for every variable', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, logLevel: 'info', databaseUrl: undefined, secureCookies: 'auto' });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it.each([
    ['ADEQUATE_PORT', 'abc'],
    ['ADEQUATE_PORT', '70000'],
    ['ADEQUATE_LOG_LEVEL', 'loud'],
    ['ADEQUATE_DATABASE_URL', 'mysql://x'],
    ['ADEQUATE_SESSION_HOURS', '0'],
    ['ADEQUATE_ADMIN_EMAIL', 'not-an-email'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('says which setting to check when the database cannot be reached, without the password', async () => {
    const r = await runCli(['user', 'list'], { ADEQUATE_DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('ADEQUATE_DATABASE_URL');
    expect(r.stderr).not.toContain('hunter2');
  });

  it('stops `serve` with exit code 1 and one line naming ADEQUATE_PORT', async () => {
    const r = await runCli(['serve'], { ADEQUATE_PORT: 'abc' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('ADEQUATE_PORT');
  });
});
