import type { AppContext } from '../app/context.js';
import { newId, nowIso } from '../app/ids.js';
import type { Actor } from '../audit/service.js';
import { inWrite } from '../audit/write.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { ROLES, isRole, type Role } from '../auth/permissions.js';
import { authRepo } from '../auth/repo.js';
import type { UsersTable } from '../db/types.js';
import { AppError, conflict, notFound } from '../errors/catalogue.js';
import { userRepo } from './repo.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentUser = (u: UsersTable): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: isRole(u.role) ? u.role : 'auditor',
  disabled: u.disabled === 1,
  version: u.version,
  createdAt: u.created_at,
  updatedAt: u.updated_at,
});

export function assertRole(role: string): Role {
  if (!isRole(role)) throw new AppError('USAGE', `Role "${role}" does not exist; use one of: ${ROLES.join(', ')}.`);
  return role;
}

/** Adds a user; when no password is given one is generated and returned (shown once). */
export async function addUser(
  ctx: AppContext,
  actor: Actor,
  input: { orgId: string; email: string; name?: string; role: Role; password?: string | undefined },
): Promise<{ user: UserView; generatedPassword: string | null }> {
  const email = input.email.trim().toLowerCase();
  if (await userRepo.findByEmail(ctx.db.kysely, email)) {
    throw conflict(`A user with e-mail ${email} already exists; pick another e-mail or reset that user's password.`);
  }
  const generated = input.password ? null : generatePassword();
  const password = input.password ?? generated ?? '';
  if (password.length < 10) throw new AppError('USAGE', 'The password is too short; use at least 10 characters.');
  const now = nowIso();
  const row: UsersTable = {
    id: newId(),
    org_id: input.orgId,
    email,
    name: input.name?.trim() || email.split('@')[0] || email,
    role: input.role,
    password_hash: await hashPassword(password),
    disabled: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await inWrite(ctx.db, input.orgId, actor, async (w) => {
    await userRepo.insert(w.trx, row);
    await w.audit('user', row.id, 'create', undefined, presentUser(row));
  });
  return { user: presentUser(row), generatedPassword: generated };
}

export async function listUsers(ctx: AppContext, orgId: string): Promise<UserView[]> {
  return (await userRepo.listByOrg(ctx.db.kysely, orgId)).map(presentUser);
}

export async function getUser(ctx: AppContext, orgId: string, id: string): Promise<UserView> {
  const u = await userRepo.findInOrg(ctx.db.kysely, orgId, id);
  if (!u) throw notFound('user', id);
  return presentUser(u);
}

/** Sets a new password (generated when none is given) and ends the user's sessions. */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  email: string,
  password?: string,
): Promise<{ user: UserView; generatedPassword: string | null }> {
  const user = await userRepo.findByEmail(ctx.db.kysely, email);
  if (!user || user.org_id !== orgId)
    throw new AppError('NOT_FOUND', `No user with e-mail ${email} in this organization; list them with "adequate user list".`);
  const generated = password ? null : generatePassword();
  const secret = password ?? generated ?? '';
  if (secret.length < 10) throw new AppError('USAGE', 'The password is too short; use at least 10 characters.');
  const hash = await hashPassword(secret);
  const updated = { ...user, password_hash: hash, version: user.version + 1, updated_at: nowIso() };
  await inWrite(ctx.db, orgId, actor, async (w) => {
    await userRepo.update(w.trx, user.id, { password_hash: hash, version: updated.version, updated_at: updated.updated_at });
    await authRepo.deleteUserSessions(w.trx, user.id);
    await w.audit('user', user.id, 'reset-password', presentUser(user), presentUser(updated));
  });
  return { user: presentUser(updated), generatedPassword: generated };
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  patch: { version: number; role?: Role | undefined; name?: string | undefined; disabled?: boolean | undefined },
): Promise<UserView> {
  return inWrite(ctx.db, orgId, actor, async (w) => {
    const user = await userRepo.findInOrg(w.trx, orgId, id);
    if (!user) throw notFound('user', id);
    if (user.version !== patch.version) {
      throw new AppError(
        'VERSION_CONFLICT',
        `This user was changed by someone else (you sent version ${patch.version}, it is now at version ${user.version}); reload and try again.`,
        { details: { current: presentUser(user) } },
      );
    }
    const next: UsersTable = {
      ...user,
      role: patch.role ?? user.role,
      name: patch.name ?? user.name,
      disabled: patch.disabled === undefined ? user.disabled : patch.disabled ? 1 : 0,
      version: user.version + 1,
      updated_at: nowIso(),
    };
    await userRepo.update(w.trx, id, {
      role: next.role,
      name: next.name,
      disabled: next.disabled,
      version: next.version,
      updated_at: next.updated_at,
    });
    if (next.disabled) await authRepo.deleteUserSessions(w.trx, id);
    await w.audit('user', id, 'update', presentUser(user), presentUser(next));
    return presentUser(next);
  });
}
