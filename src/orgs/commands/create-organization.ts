// Command: create an organization with its first admin and the default catalogs, in one
// transaction, so a half-created organization never exists.
import type { AppContext } from '../../app/context.js';
import type { Actor } from '../../audit/service.js';
import { inWrite } from '../../audit/write.js';
import { generatePassword, hashPassword } from '../../auth/passwords.js';
import type { Role } from '../../auth/permissions.js';
import { newId, nowIso } from '../../app/ids.js';
import { AppError, conflict } from '../../errors/catalogue.js';
import { seedDefaultCatalog } from '../../model/commands/seed-default-catalog.js';
import { presentUser, type UserView } from '../../users/service.js';
import { userRepo } from '../../users/repo.js';
import { insertOrganization, presentOrg, type OrganizationView } from '../service.js';

export interface CreateOrganizationInput {
  name: string;
  admin?: { email: string; password?: string | undefined; role?: Role } | undefined;
  /** Fill the activity and competence catalogs with the documented defaults. */
  seedCatalog?: boolean;
}

export interface CreateOrganizationResult {
  organization: OrganizationView;
  admin: UserView | null;
  generatedPassword: string | null;
}

export async function createOrganization(ctx: AppContext, actor: Actor, input: CreateOrganizationInput): Promise<CreateOrganizationResult> {
  const orgId = newId();
  let generated: string | null = null;
  let passwordHash: string | null = null;
  if (input.admin) {
    const email = input.admin.email.trim().toLowerCase();
    if (await userRepo.findByEmail(ctx.db.kysely, email)) {
      throw conflict(`A user with e-mail ${email} already exists; choose another admin e-mail.`);
    }
    generated = input.admin.password ? null : generatePassword();
    const password = input.admin.password ?? generated ?? '';
    if (password.length < 10) throw new AppError('USAGE', 'The admin password is too short; use at least 10 characters.');
    passwordHash = await hashPassword(password);
  }
  return inWrite(ctx.db, orgId, actor, async (w) => {
    const org = await insertOrganization(w, input.name);
    let admin: UserView | null = null;
    if (input.admin && passwordHash) {
      const now = nowIso();
      const row = {
        id: newId(),
        org_id: orgId,
        email: input.admin.email.trim().toLowerCase(),
        name: input.admin.email.split('@')[0] ?? 'admin',
        role: input.admin.role ?? 'admin',
        password_hash: passwordHash,
        disabled: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await userRepo.insert(w.trx, row);
      await w.audit('user', row.id, 'create', undefined, presentUser(row));
      admin = presentUser(row);
    }
    if (input.seedCatalog !== false) await seedDefaultCatalog(w);
    return { organization: presentOrg(org), admin, generatedPassword: generated };
  });
}
