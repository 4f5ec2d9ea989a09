// Set-up and account commands: init, db migrate, org, user, token.
import type { Command } from 'commander';
import { createToken, parseExpiry, revokeToken } from '../../auth/service.js';
import { authRepo } from '../../auth/repo.js';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { AppError } from '../../errors/catalogue.js';
import { createOrganization } from '../../orgs/commands/create-organization.js';
import { listOrganizations, resolveOrganization } from '../../orgs/service.js';
import { userRepo } from '../../users/repo.js';
import { addUser, assertRole, listUsers, resetPassword } from '../../users/service.js';
import { isInteractive, promptHidden } from '../prompt.js';
import { cliActor, out, printError, withContext } from '../run.js';

async function passwordFromEnvOrPrompt(variable: string, what: string): Promise<string | undefined> {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  if (!isInteractive()) return undefined;
  const typed = await promptHidden(`${what} (leave empty to generate one): `);
  return typed === '' ? undefined : typed;
}

export function registerSetupCommands(program: Command): void {
  program
    .command('init')
    .description('Create the first organization and its admin (password from ADEQUATE_ADMIN_PASSWORD, a prompt, or generated)')
    .option('--org <name>', 'organization name (default: ADEQUATE_ORG_NAME or "My Organization")')
    .option('--email <email>', 'admin e-mail (default: ADEQUATE_ADMIN_EMAIL or admin@adequate.local)')
    .option('--no-catalog', 'do not fill the default activity and competence catalogs')
    .action((opts: { org?: string; email?: string; catalog: boolean }) =>
      withContext(async (ctx) => {
        const password = await passwordFromEnvOrPrompt('ADEQUATE_ADMIN_PASSWORD', 'Admin password');
        const result = await createOrganization(ctx, cliActor(), {
          name: opts.org ?? ctx.config.orgName,
          admin: { email: opts.email ?? ctx.config.adminEmail, password },
          seedCatalog: opts.catalog,
        });
        out(`Created organization "${result.organization.name}" with admin ${result.admin?.email ?? ''}.`);
        if (result.generatedPassword) out(`Admin password (shown once): ${result.generatedPassword}`);
      })(),
    );

  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Bring the database schema up to date (also done at start-up)')
    .action(async () => {
      try {
        const config = loadConfig();
        const database = openDatabase(config);
        try {
          const { applied } = await migrateToLatest(database);
          out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
        } finally {
          await database.close();
        }
      } catch (e) {
        process.exitCode = printError(e);
      }
    });

  const org = program.command('org').description('Organizations (tenants)');
  org
    .command('add <name>')
    .description('Create an organization (with the default catalogs); add its users with "user add --org"')
    .option('--no-catalog', 'do not fill the default activity and competence catalogs')
    .action((name: string, opts: { catalog: boolean }) =>
      withContext(async (ctx) => {
        const result = await createOrganization(ctx, cliActor(), { name, seedCatalog: opts.catalog });
        out(`Created organization "${result.organization.name}" (${result.organization.id}).`);
      })(),
    );
  org
    .command('list')
    .description('List organizations')
    .action(() =>
      withContext(async (ctx) => {
        for (const o of await listOrganizations(ctx)) out(`${o.name}\t${o.id}`);
      })(),
    );

  const user = program.command('user').description('Users (logins) and their roles');
  user
    .command('add <email>')
    .description('Add a user (password from ADEQUATE_USER_PASSWORD, else generated and printed once)')
    .requiredOption('--role <role>', 'admin, compliance_lead, contributor, approver or auditor')
    .option('--name <name>', 'display name')
    .option('--org <name>', 'organization (default: the only one)')
    .action((email: string, opts: { role: string; name?: string; org?: string }) =>
      withContext(async (ctx) => {
        const role = assertRole(opts.role);
        const organization = await resolveOrganization(ctx, opts.org);
        const result = await addUser(ctx, cliActor(), {
          orgId: organization.id,
          email,
          role,
          name: opts.name,
          password: process.env['ADEQUATE_USER_PASSWORD'] || undefined,
        });
        out(`Added ${result.user.email} as ${result.user.role} in "${organization.name}".`);
        if (result.generatedPassword) out(`Password (shown once): ${result.generatedPassword}`);
      })(),
    );
  user
    .command('list')
    .description('List users of an organization')
    .option('--org <name>', 'organization (default: the only one)')
    .action((opts: { org?: string }) =>
      withContext(async (ctx) => {
        const organization = await resolveOrganization(ctx, opts.org);
        for (const u of await listUsers(ctx, organization.id)) out(`${u.email}\t${u.role}\t${u.name}${u.disabled ? '\t(disabled)' : ''}`);
      })(),
    );
  user
    .command('reset-password <email>')
    .description("Set a new password (ADEQUATE_USER_PASSWORD, else generated and printed once) and end the user's sessions")
    .option('--org <name>', 'organization (default: the only one)')
    .action((email: string, opts: { org?: string }) =>
      withContext(async (ctx) => {
        const organization = await resolveOrganization(ctx, opts.org);
        const result = await resetPassword(
          ctx,
          cliActor(),
          organization.id,
          email.toLowerCase(),
          process.env['ADEQUATE_USER_PASSWORD'] || undefined,
        );
        out(`Password reset for ${result.user.email}.`);
        if (result.generatedPassword) out(`New password (shown once): ${result.generatedPassword}`);
      })(),
    );

  const token = program.command('token').description('API tokens for scripts');
  token
    .command('create <email>')
    .description('Create a bearer token for a user; printed once')
    .option('--expires <duration>', 'e.g. 30d, 12h or never', '30d')
    .option('--name <name>', 'what the token is for', 'cli')
    .action((email: string, opts: { expires: string; name: string }) =>
      withContext(async (ctx) => {
        const days = parseExpiry(opts.expires);
        const u = await userRepo.findByEmail(ctx.db.kysely, email);
        if (!u) throw new AppError('NOT_FOUND', `No user with e-mail ${email}; list them with "adequate user list".`);
        const { token: secret, view } = await createToken(ctx, { userId: u.id, orgId: u.org_id, email: u.email }, cliActor(), {
          name: opts.name,
          expiresInDays: days,
        });
        out(secret);
        process.stderr.write(
          `Token ${view.id} for ${u.email}${view.expiresAt ? `, expires ${view.expiresAt}` : ', never expires'}. It is shown only once.\n`,
        );
      })(),
    );
  token
    .command('revoke <id>')
    .description('Revoke a token by its id (from "token list")')
    .action((id: string) =>
      withContext(async (ctx) => {
        const row = await authRepo.findToken(ctx.db.kysely, id);
        const owner = row ? await userRepo.findById(ctx.db.kysely, row.user_id) : undefined;
        if (!row || !owner) throw new AppError('NOT_FOUND', `No API token with id ${id}; list them with "adequate token list <email>".`);
        await revokeToken(ctx, { orgId: owner.org_id, userId: owner.id, isAdmin: true }, cliActor(), id);
        out(`Revoked token ${id}.`);
      })(),
    );
  token
    .command('list <email>')
    .description("List a user's tokens")
    .action((email: string) =>
      withContext(async (ctx) => {
        const u = await userRepo.findByEmail(ctx.db.kysely, email);
        if (!u) throw new AppError('NOT_FOUND', `No user with e-mail ${email}.`);
        for (const t of await authRepo.listTokens(ctx.db.kysely, u.id)) {
          out(`${t.id}\t${t.name}\t${t.prefix}…\texpires ${t.expires_at ?? 'never'}${t.revoked_at ? '\trevoked' : ''}`);
        }
      })(),
    );
}
