#!/usr/bin/env node
// `npm test`: the whole vitest suite on SQLite, then again on PostgreSQL when
// ADEQUATE_TEST_DATABASE_URL is set (each test file makes and drops its own database).
// Ends with one summary line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const extra = process.argv.slice(2);
const resultsDir = path.resolve('.test-results');
fs.mkdirSync(resultsDir, { recursive: true });

const passes = [{ dialect: 'sqlite' }];
if (process.env.ADEQUATE_TEST_DATABASE_URL) passes.push({ dialect: 'postgres' });

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
for (const { dialect } of passes) {
  console.log(`\n=== test pass: ${dialect} ===`);
  const outputFile = path.join(resultsDir, `${dialect}.json`);
  fs.rmSync(outputFile, { force: true });
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`, ...extra],
    { stdio: 'inherit', env: { ...process.env, ADEQUATE_TEST_DIALECT: dialect } },
  );
  if (run.status !== 0) ok = false;
  if (fs.existsSync(outputFile)) {
    const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) ok = false;
  } else {
    ok = false;
  }
}
if (!process.env.ADEQUATE_TEST_DATABASE_URL) {
  console.log(
    '\nPostgreSQL pass not run: set ADEQUATE_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run the suite on PostgreSQL too.',
  );
}
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
