import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/cli.js';

const DEMO = path.resolve(import.meta.dirname, '../../examples/demo-bank.yaml');
// A data dir that does not exist: the model-file commands must not need a database.
const NO_DB = { ADEQUATE_DATA_DIR: '/nonexistent/adequate-no-db', ADEQUATE_DATABASE_URL: undefined };

describe('analyze and whatif on a model file, with no database', () => {
  it('prints JSON with the documented fields and exits 3 when a gap at or above --fail-on exists', async () => {
    const r = await runCli(
      ['analyze', DEMO, '--period', '2027Q1', '--as-of', '2027-01-15', '--format', 'json', '--fail-on', 'critical'],
      NO_DB,
    );
    expect(r.code, r.stderr).toBe(3);
    const result = JSON.parse(r.stdout) as {
      period: { label: string };
      activities: {
        key: string;
        demandHours: number;
        capacityHours: number;
        utilization: number | null;
        qualifiedPeople: number;
        backupCovered: boolean;
        rationale: unknown;
      }[];
      gaps: { rule: string; severity: string; subject: { kind: string; id: string; name: string }; explanation: string }[];
    };
    expect(result.period.label).toBe('2027Q1');
    expect(result.activities.length).toBeGreaterThanOrEqual(10);
    for (const a of result.activities) {
      expect(a).toHaveProperty('demandHours');
      expect(a).toHaveProperty('capacityHours');
      expect(a).toHaveProperty('rationale');
    }
    expect(result.gaps.some((g) => g.severity === 'critical')).toBe(true);
  });

  it('exits 0 without --fail-on, prints a table and Markdown, and 2 on a bad option', async () => {
    const table = await runCli(['analyze', DEMO, '--period', '2027Q1', '--as-of', '2027-01-15'], NO_DB);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('pre-deployment-review');
    const md = await runCli(['analyze', DEMO, '--as-of', '2027-01-15', '--format', 'md'], NO_DB);
    expect(md.stdout).toMatch(/^# /m);
    const bad = await runCli(['analyze', DEMO, '--fail-on', 'severe'], NO_DB);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on');
    const badPeriod = await runCli(['analyze', DEMO, '--period', '2027Q7'], NO_DB);
    expect(badPeriod.code).toBe(2);
  });

  it('whatif: a key reviewer absent makes gaps appear; the same seed gives the same Monte Carlo result', async () => {
    const absent = await runCli(
      ['whatif', DEMO, '--absent', 'priya-raman', '--period', '2027Q1', '--as-of', '2027-01-15', '--format', 'json'],
      NO_DB,
    );
    expect(absent.code, absent.stderr).toBe(0);
    const delta = JSON.parse(absent.stdout) as { gapsAppeared: { rule: string }[] };
    expect(delta.gapsAppeared.map((g) => g.rule)).toContain('PHANTOM-ACTIVITY');
    const args = ['whatif', DEMO, '--surge', '3', '--runs', '200', '--seed', '7', '--as-of', '2027-01-15', '--format', 'json'];
    const [a, b] = await Promise.all([runCli(args, NO_DB), runCli(args, NO_DB)]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as { monteCarlo: { overall: { p95: number } } }).monteCarlo.overall.p95).toBeGreaterThan(0);
    const none = await runCli(['whatif', DEMO], NO_DB);
    expect(none.code).toBe(2);
  });
});
