#!/usr/bin/env node
// The `adequate` command line. Exit codes: 0 ok, 1 failure, 2 usage error, 3 gaps found at
// or above --fail-on (analyze).
import { Command, CommanderError } from 'commander';
import { createLogger, openContext } from '../app/bootstrap.js';
import { auditRepo } from '../audit/repo.js';
import { verifyAuditChain } from '../audit/service.js';
import { progressBar } from './progress.js';
import { loadConfig } from '../config/config.js';
import { API_VERSION } from '../server/app.js';
import { startServer } from '../server/serve.js';
import { registerAnalysisCommands } from './commands/analysis.js';
import { registerModelCommands } from './commands/model.js';
import { registerSetupCommands } from './commands/setup.js';
import { EXIT, out, printError, withContext } from './run.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('adequate')
    .description('Prove an ISO/IEC 42001 AI management system is resourced: demand vs capacity, gaps, evidence.')
    .version(API_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('serve')
    .description('Serve the web app and API (first run creates the organization and admin)')
    .action(async () => {
      try {
        const config = loadConfig();
        const logger = createLogger(config);
        const ctx = await openContext({ config, logger });
        await startServer(ctx, (line) => out(line));
      } catch (e) {
        process.exitCode = printError(e);
      }
    });

  registerSetupCommands(program);
  registerModelCommands(program);
  registerAnalysisCommands(program);

  program
    .command('verify')
    .description('Walk the hash-chained audit log; exits 1 naming the first broken entry')
    .action(() =>
      withContext(async (ctx) => {
        const total = await auditRepo.countAll(ctx.db.kysely);
        const bar = progressBar('verify');
        const result = await verifyAuditChain(ctx.db.kysely, (checked) => bar.update(checked, total));
        bar.stop();
        if (result.ok) {
          out(`Audit log intact: ${result.entries} entries in ${result.organizations} organization(s).`);
          return EXIT.ok;
        }
        const b = result.firstBreak;
        process.stderr.write(`adequate: audit log broken at entry ${b?.seq} of organization ${b?.orgId}: ${b?.reason}.\n`);
        return EXIT.failure;
      })(),
    );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    process.exitCode = printError(e);
  }
}

await main(process.argv);
