import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';
import { cliEnv, runCli } from '../test/cli.js';
import { testDialect } from '../test/db.js';
import { importModel } from './commands/import-model.js';
import { assertValidModel, loadModel, modelJsonSchema, parseModelText, serializeModel } from './model-file.js';

const DEMO = fs.readFileSync(path.resolve(import.meta.dirname, '../../examples/demo-bank.yaml'), 'utf8');
const system = { kind: 'system' as const, id: 'test', label: 'test' };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seedCatalog: true });
});
afterAll(async () => {
  await t.close();
});

describe(`model as code (${testDialect()})`, () => {
  it('round-trips the demo: export → import into a new organization → export is byte-identical, in YAML and JSON', async () => {
    const a = await t.addOrg('Round Trip A');
    await importModel(t.ctx, system, a.id, assertValidModel(DEMO));
    for (const format of ['yaml', 'json'] as const) {
      const first = serializeModel(await loadModel(t.ctx.db.kysely, a.id), format);
      const b = await t.addOrg(`Round Trip B ${format}`);
      await importModel(t.ctx, system, b.id, assertValidModel(first));
      const second = serializeModel(await loadModel(t.ctx.db.kysely, b.id), format);
      expect(second).toBe(first);
      // Importing the same file again changes nothing.
      const again = await importModel(t.ctx, system, b.id, assertValidModel(first));
      expect(Object.values(again.byKind).every((c) => c.created + c.updated + c.deleted === 0)).toBe(true);
    }
  });

  it('reports all five planted errors with their paths and changes nothing', async () => {
    const org = await t.addOrg('Planted Errors');
    await importModel(t.ctx, system, org.id, assertValidModel(DEMO));
    const before = serializeModel(await loadModel(t.ctx.db.kysely, org.id), 'yaml');
    const broken = YAML.parse(DEMO) as {
      people: { competences: { level: number }[]; aimsHoursPerWeek: unknown }[];
      aiSystems: { riskTier: string }[];
      assignments: { person: string }[];
      budgetLines: { currency: string }[];
    };
    broken.people[3]!.competences[0]!.level = 7;
    broken.people[5]!.aimsHoursPerWeek = 'lots';
    broken.aiSystems[2]!.riskTier = 'extreme';
    broken.budgetLines[1]!.currency = 'euro';
    broken.assignments[4]!.person = 'nobody-at-all';
    const text = YAML.stringify(broken);

    const parsed = parseModelText(text);
    expect(parsed.model).toBeNull();
    const paths = parsed.issues.map((i) => i.path).sort();
    // Schema and reference errors are reported together, in one run.
    expect(paths).toEqual([
      'aiSystems[2].riskTier',
      'assignments[4].person',
      'budgetLines[1].currency',
      'people[3].competences[0].level',
      'people[5].aimsHoursPerWeek',
    ]);
    expect(parsed.issues.find((i) => i.path === 'people[3].competences[0].level')?.message).toMatch(/4.*7/);

    // Through the CLI: exit 1, every error listed, the database untouched.
    const file = path.join(t.ctx.config.dataDir, 'broken.yaml');
    fs.writeFileSync(file, text);
    const r = await runCli(
      ['import', file, '--org', 'Planted Errors'],
      cliEnv({ dataDir: t.ctx.config.dataDir, databaseUrl: t.ctx.config.databaseUrl }),
    );
    expect(r.code).toBe(1);
    for (const p of paths) expect(r.stderr).toContain(p);
    expect(serializeModel(await loadModel(t.ctx.db.kysely, org.id), 'yaml')).toBe(before);
  });

  it('reports five reference and structure errors at once, all with paths', () => {
    const broken = YAML.parse(DEMO) as Record<string, { [k: string]: unknown }[]>;
    (broken['assignments']![0] as { person: string }).person = 'ghost';
    (broken['aiSystems']![1] as { owner: string }).owner = 'phantom-owner';
    (broken['tools']![0] as { budgetLine: string }).budgetLine = 'no-such-line';
    (broken['activities']![2] as { competences: { competence: string }[] }).competences[0]!.competence = 'telepathy';
    broken['people']!.push({ ...broken['people']![0]! });
    const parsed = parseModelText(YAML.stringify(broken));
    expect(parsed.issues).toHaveLength(5);
    expect(parsed.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'assignments[0].person',
        'aiSystems[1].owner',
        'tools[0].budgetLine',
        'activities[2].competences[0].competence',
      ]),
    );
  });

  it('reports an unknown field (a typo) with its path instead of dropping it', () => {
    const broken = YAML.parse(DEMO) as { aiSystems: Record<string, unknown>[] };
    broken.aiSystems[0]!['riskTeir'] = 'low';
    const parsed = parseModelText(YAML.stringify(broken));
    expect(parsed.issues).toEqual([{ path: 'aiSystems[0]', message: expect.stringContaining('riskTeir') as string }]);
  });

  it('reports YAML syntax errors with a line number', () => {
    const parsed = parseModelText('format: adequate-model/v1\npeople:\n  - key: a\n   name: b\n');
    expect(parsed.model).toBeNull();
    expect(parsed.issues[0]?.path).toMatch(/^line \d+/);
  });

  it('publishes a JSON Schema that the demo file and every export satisfy', async () => {
    const schema = modelJsonSchema();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(YAML.parse(DEMO)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ format: 'adequate-model/v1', people: [{ key: 'x' }] })).toBe(false);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/model.schema.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Adequate resourcing model' });
  });

  it('exports and imports over the API, with a dry run that changes nothing', async () => {
    const api = t.as('compliance_lead');
    const dry = await api.post('/api/v1/auth/me');
    expect(dry.statusCode).toBe(404);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/model?dryRun=true',
      headers: { cookie: t.org.cookies.compliance_lead, 'content-type': 'application/yaml' },
      payload: DEMO,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ dryRun: true, byKind: { people: { created: 26 } } });
    expect((await api.get('/api/v1/people')).json()).toMatchObject({ total: 0 });

    const real = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/model',
      headers: { cookie: t.org.cookies.compliance_lead, 'content-type': 'application/yaml' },
      payload: DEMO,
    });
    expect(real.statusCode).toBe(200);
    expect((await api.get('/api/v1/people')).json()).toMatchObject({ total: 26 });
    const exported = await api.get('/api/v1/model?format=json');
    expect(exported.headers['content-type']).toMatch(/json/);
    expect((JSON.parse(exported.body) as { aiSystems: unknown[] }).aiSystems).toHaveLength(17);
    const auditorPut = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/model',
      headers: { cookie: t.org.cookies.auditor, 'content-type': 'application/yaml' },
      payload: DEMO,
    });
    expect(auditorPut.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/model',
      headers: { cookie: t.org.cookies.compliance_lead, 'content-type': 'application/json' },
      payload: { format: 'adequate-model/v1', people: [{ key: 'Bad Key', name: 'x', aimsHoursPerWeek: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('people[0].key');
  });

  it('`adequate demo` loads the demo into an empty organization and refuses a non-empty one', async () => {
    const env = cliEnv({ dataDir: t.ctx.config.dataDir, databaseUrl: t.ctx.config.databaseUrl });
    const ok = await runCli(['demo', '--org', 'Demo Via CLI'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/people\s+26 created/);
    const again = await runCli(['demo', '--org', 'Demo Via CLI'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has a model/);
  });
});
