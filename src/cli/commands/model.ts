// Model as code: export, import, the file's JSON Schema, and the demo organization.
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../errors/catalogue.js';
import { importModel, isModelEmpty, type ImportSummary } from '../../model/commands/import-model.js';
import { importSheet, type SheetImportResult } from '../../model/commands/import-sheet.js';
import { SHEET_KINDS, sheetTemplate, type SheetKind } from '../../model/sheets/index.js';
import { assertValidModel, loadModel, modelJsonSchema, serializeModel, type ModelFormat } from '../../model/model-file.js';
import { createOrganization } from '../../orgs/commands/create-organization.js';
import { orgRepo } from '../../orgs/repo.js';
import { resolveOrganization } from '../../orgs/service.js';
import { readFileOrFail, readTextOrFail, writeFileAtomic } from '../files.js';
import { progressBar } from '../progress.js';
import { cliActor, out, withContext, withoutContext } from '../run.js';

export const DEMO_FILE = path.resolve(import.meta.dirname, '../../../examples/demo-bank.yaml');

function formatSummary(s: ImportSummary): string {
  const lines = Object.entries(s.byKind).map(
    ([k, c]) => `  ${k.padEnd(14)} ${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged`,
  );
  if (s.settingsChanged) lines.push('  settings       changed');
  if (s.scopeReplaced) lines.push('  scope          versions replaced');
  return lines.join('\n');
}

function sheetKind(value: string): SheetKind {
  if (!(SHEET_KINDS as readonly string[]).includes(value))
    throw new AppError('USAGE', `--kind must be one of ${SHEET_KINDS.join(', ')}, not "${value}".`);
  return value as SheetKind;
}

function formatSheetResult(r: SheetImportResult, file: string): string {
  const lines = [
    `${r.applied ? 'Imported' : r.dryRun ? 'Dry run (nothing changed) of' : 'Not imported:'} ${file} (${r.kind}): ${r.create.length} to create, ${r.update.length} to update, ${r.unchanged.length} unchanged, ${r.errors.length} error(s)`,
  ];
  for (const c of r.create) lines.push(`  + row ${c.row}: create ${c.key}`);
  for (const u of r.update) lines.push(`  ~ row ${u.row}: update ${u.key} (${u.changes.map((c) => c.field).join(', ')})`);
  for (const e of r.errors) lines.push(`  ! ${e.row === null ? 'sheet' : `row ${e.row}`}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  return lines.join('\n');
}

export function registerModelCommands(program: Command): void {
  program
    .command('import-sheet <file>')
    .description(
      'Import people, AI systems, tools or third parties from a CSV or XLSX sheet with a header row; --dry-run lists what would change',
    )
    .requiredOption('--kind <kind>', `one of ${SHEET_KINDS.join(', ')}`)
    .option('--org <name>', 'organization (default: the only one)')
    .option('--dry-run', 'list what would be created or changed and every row error; change nothing')
    .action((file: string, opts: { kind: string; org?: string; dryRun?: boolean }) =>
      withContext(async (ctx) => {
        const kind = sheetKind(opts.kind);
        const lower = file.toLowerCase();
        const format = lower.endsWith('.csv') ? 'csv' : lower.endsWith('.xlsx') ? 'xlsx' : null;
        if (!format) throw new AppError('USAGE', `Cannot tell the format of ${file}; use a .csv or .xlsx file.`);
        const data = readFileOrFail(file);
        const org = await resolveOrganization(ctx, opts.org);
        const result = await importSheet(ctx, cliActor(), org.id, { kind, format, data, dryRun: opts.dryRun ?? false });
        out(formatSheetResult(result, file));
        return result.ok ? 0 : 1;
      })(),
    );

  program
    .command('sheet-template <kind>')
    .description(`Print the header row a sheet of ${SHEET_KINDS.join(', ')} accepts (CSV)`)
    .action((kind: string) =>
      withoutContext(async () => {
        out(sheetTemplate(sheetKind(kind)).join(','));
      })(),
    );

  const exp = program.command('export').description('Export data');
  exp
    .command('model')
    .description('Write the whole model of an organization to one file (standard output by default)')
    .option('--org <name>', 'organization (default: the only one)')
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('--out <file>', 'file to write (written then renamed)')
    .action((opts: { org?: string; format: string; out?: string }) =>
      withContext(async (ctx) => {
        if (opts.format !== 'yaml' && opts.format !== 'json')
          throw new AppError('USAGE', `--format must be yaml or json, not "${opts.format}".`);
        const org = await resolveOrganization(ctx, opts.org);
        const text = serializeModel(await loadModel(ctx.db.kysely, org.id), opts.format as ModelFormat);
        if (opts.out) {
          writeFileAtomic(opts.out, text);
          process.stderr.write(`Wrote the model of "${org.name}" to ${opts.out}.\n`);
        } else process.stdout.write(text);
      })(),
    );

  program
    .command('import <file>')
    .description(
      "Load a model file (YAML or JSON): validated completely first, then applied all or nothing; the organization's model becomes exactly the file",
    )
    .option('--org <name>', 'organization (default: the only one)')
    .option('--dry-run', 'report what would change and change nothing')
    .action((file: string, opts: { org?: string; dryRun?: boolean }) =>
      withContext(async (ctx) => {
        const model = assertValidModel(readTextOrFail(file));
        const org = await resolveOrganization(ctx, opts.org);
        const bar = progressBar('import');
        const summary = await importModel(ctx, cliActor(), org.id, model, {
          dryRun: opts.dryRun ?? false,
          onProgress: (d, t) => bar.update(d, t),
        });
        bar.stop();
        out(
          `${opts.dryRun ? 'Dry run (nothing changed): would import' : 'Imported'} ${file} into "${org.name}":\n${formatSummary(summary)}`,
        );
      })(),
    );

  const schema = program.command('schema').description('JSON Schemas');
  schema
    .command('model')
    .description('Print the JSON Schema of the model file (for editors)')
    .action(() =>
      withoutContext(async () => {
        out(JSON.stringify(modelJsonSchema(), null, 2));
      })(),
    );

  program
    .command('demo')
    .description(
      'Load the demo organization (a fictional mid-size insurer) into an empty organization; creates it when --org names a new one',
    )
    .option('--org <name>', 'organization (default: the only one)')
    .action((opts: { org?: string }) =>
      withContext(async (ctx) => {
        const model = assertValidModel(readTextOrFail(DEMO_FILE));
        let org;
        if (opts.org && !(await orgRepo.findByName(ctx.db.kysely, opts.org))) {
          org = (await createOrganization(ctx, cliActor(), { name: opts.org })).organization;
        } else {
          org = await resolveOrganization(ctx, opts.org);
        }
        if (!(await isModelEmpty(ctx, org.id))) {
          throw new AppError(
            'CONFLICT',
            `Organization "${org.name}" already has a model; load the demo into a new one with: adequate demo --org "Demo Insurance"`,
          );
        }
        const bar = progressBar('demo');
        const summary = await importModel(ctx, cliActor(), org.id, model, { onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        out(`Loaded the demo model into "${org.name}":\n${formatSummary(summary)}\nNext: adequate analyze --org "${org.name}"`);
      })(),
    );
}
