// `npm run bench`: the determination engine at enterprise size (5,000 AI systems, 2,000
// people, 60 activities, 50,000 assignments), reported as ratios against baselines measured
// in the same run, never as absolute targets:
//   - analyze ÷ reading the same model from SQLite (the engine should cost about as much as
//     the I/O it replaces),
//   - analyze at full size ÷ analyze at half size (≈ 2 when the engine is linear).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { analyze } from '../src/engine/index.js';
import { enterpriseModel } from '../src/engine/test-fixtures.js';
import { importModel } from '../src/model/commands/import-model.js';
import { loadModel } from '../src/model/model-file.js';
import type { ModelFile } from '../src/model/schema.js';
import { createOrganization } from '../src/orgs/commands/create-organization.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const system = { kind: 'system' as const, id: 'bench', label: 'bench' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

/** Every other system, person and assignment: half the model, same shape. */
function half(model: ModelFile): ModelFile {
  const people = new Set(model.people.filter((_, i) => i % 2 === 0).map((p) => p.key));
  return {
    ...model,
    aiSystems: model.aiSystems.filter((_, i) => i % 2 === 0),
    people: model.people.filter((p) => people.has(p.key)),
    assignments: model.assignments.filter((a) => people.has(a.person)),
    tools: model.tools.map((t) => ({ ...t, access: t.access.filter((a) => people.has(a.person)) })),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adequate-bench-'));
const db = openDatabase(loadConfig({ ADEQUATE_DATA_DIR: dir }));
try {
  await migrateToLatest(db);
  const ctx = { config: loadConfig({ ADEQUATE_DATA_DIR: dir }), db, logger: pino({ level: 'silent' }) };
  const model = enterpriseModel();
  const org = await createOrganization(ctx, system, { name: 'Bench', seedCatalog: false });
  const t0 = Date.now();
  await importModel(ctx, system, org.organization.id, model);
  process.stdout.write(`set-up: imported ${model.assignments.length} assignments in ${Date.now() - t0} ms\n`);

  const input = (m: ModelFile) => ({ model: m, period: '2027Q1', asOf: '2027-01-15' });
  const read = await time(() => loadModel(db.kysely, org.organization.id));
  const full = await time(() => analyze(input(model)));
  const halfModel = half(model);
  const halfTime = await time(() => analyze(input(halfModel)));
  const heapBefore = process.memoryUsage().heapUsed;
  const result = analyze(input(model));
  const heapDelta = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

  const rows = [
    ['read model from SQLite (baseline)', read, 1],
    ['analyze, full size', full, full / read],
    ['analyze, half size', halfTime, halfTime / read],
  ] as const;
  process.stdout.write(`\nmedian of ${RUNS} runs\n`);
  for (const [label, ms, ratio] of rows)
    process.stdout.write(`${label.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms   ×${ratio.toFixed(2)} baseline\n`);
  process.stdout.write(`analyze full ÷ half (≈2 when linear)   ×${(full / halfTime).toFixed(2)}\n`);
  process.stdout.write(`result: ${result.gaps.length} gaps; heap held by one result ≈ ${heapDelta.toFixed(0)} MiB\n`);
} finally {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
