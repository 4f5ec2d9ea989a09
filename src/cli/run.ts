// Runs one CLI command: opens the context from the same config as the server, maps errors
// from the catalogue to a one-line message and an exit code, and always closes the database.
import os from 'node:os';
import { openContext } from '../app/bootstrap.js';
import type { AppContext } from '../app/context.js';
import type { Actor } from '../audit/service.js';
import { isAppError } from '../errors/catalogue.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, gapsFound: 3 } as const;

export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { kind: 'cli', id: `${user}@${os.hostname()}`, label: `CLI (${user})` };
}

export function printError(e: unknown): number {
  if (isAppError(e)) {
    process.stderr.write(`adequate: ${e.message}\n`);
    for (const issue of e.issues.slice(0, 200)) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
    if (e.issues.length > 200) process.stderr.write(`  … and ${e.issues.length - 200} more\n`);
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`adequate: unexpected error: ${message}\n`);
  if (process.env['ADEQUATE_DEBUG']) process.stderr.write(`${e instanceof Error ? (e.stack ?? '') : ''}\n`);
  return EXIT.failure;
}

/** Wraps a command body; returns nothing, sets process.exitCode. */
export function withContext(body: (ctx: AppContext) => Promise<number | void>): () => Promise<void> {
  return async () => {
    let ctx: AppContext | undefined;
    try {
      ctx = await openContext();
      const code = await body(ctx);
      process.exitCode = code ?? EXIT.ok;
    } catch (e) {
      process.exitCode = printError(e);
    } finally {
      await ctx?.db.close();
    }
  };
}

/** For commands that need no database. */
export function withoutContext(body: () => Promise<number | void>): () => Promise<void> {
  return async () => {
    try {
      process.exitCode = (await body()) ?? EXIT.ok;
    } catch (e) {
      process.exitCode = printError(e);
    }
  };
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
