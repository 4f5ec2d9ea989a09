// Starts the server: first-run set-up on an empty database, listen, and a graceful shutdown
// on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the database).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { createOrganization } from '../orgs/commands/create-organization.js';
import { orgRepo } from '../orgs/repo.js';
import { buildApp } from './app.js';

export interface FirstRun {
  orgName: string;
  email: string;
  password: string | null;
}

/** Creates the first organization and its admin when the database has none. */
export async function ensureFirstRun(ctx: AppContext): Promise<FirstRun | null> {
  if ((await orgRepo.list(ctx.db.kysely)).length > 0) return null;
  const result = await createOrganization(
    ctx,
    { kind: 'system', id: 'first-run', label: 'first run' },
    {
      name: ctx.config.orgName,
      admin: { email: ctx.config.adminEmail, password: ctx.config.adminPassword },
    },
  );
  return { orgName: result.organization.name, email: ctx.config.adminEmail, password: result.generatedPassword };
}

export async function startServer(ctx: AppContext, print: (line: string) => void): Promise<FastifyInstance> {
  const firstRun = await ensureFirstRun(ctx);
  const app = await buildApp(ctx);
  await app.listen({ host: ctx.config.host, port: ctx.config.port });
  const url = `http://${ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host}:${ctx.config.port}`;
  print(`Adequate is serving on ${url} (database: ${ctx.db.dialect}, ${ctx.db.location})`);
  print(`API docs: ${url}/api/docs`);
  if (firstRun) {
    print(`First run: created organization "${firstRun.orgName}" with admin ${firstRun.email}`);
    print(
      firstRun.password
        ? `Admin password (shown once, change it): ${firstRun.password}`
        : 'Admin password: the one in ADEQUATE_ADMIN_PASSWORD',
    );
    print('Load the demo organization to explore: npx adequate demo');
  }

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    ctx.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      ctx.logger.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app
      .close()
      .then(() => ctx.db.close())
      .then(() => {
        ctx.logger.info('stopped');
        process.exitCode = 0;
      })
      .catch((err: unknown) => {
        ctx.logger.error({ err }, 'error during shutdown');
        process.exitCode = 1;
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return app;
}
