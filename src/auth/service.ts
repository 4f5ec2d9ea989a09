// Sign-in, browser sessions and API tokens. Secrets (session ids, tokens) are random and
// stored only as SHA-256 hashes, so a copy of the database does not let anyone sign in.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import { newId, nowIso } from '../app/ids.js';
import { inWrite } from '../audit/write.js';
import { AppError, notFound, unauthenticated } from '../errors/catalogue.js';
import { userRepo } from '../users/repo.js';
import type { ApiTokensTable, UsersTable } from '../db/types.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isRole } from './permissions.js';
import { actorOf, type Principal } from './principal.js';
import { authRepo } from './repo.js';

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
export const TOKEN_PREFIX = 'adq_';

function principalOf(user: UsersTable, via: Principal['via'], tokenId?: string): Principal {
  if (!isRole(user.role)) throw new AppError('INTERNAL', `User ${user.email} has an unknown role "${user.role}".`);
  return { userId: user.id, orgId: user.org_id, email: user.email, name: user.name, role: user.role, via, ...(tokenId ? { tokenId } : {}) };
}

// A fixed hash to compare against when the e-mail is unknown, so both paths take as long.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);

export async function login(
  ctx: AppContext,
  email: string,
  password: string,
): Promise<{ principal: Principal; sessionId: string; expiresAt: string }> {
  const user = await userRepo.findByEmail(ctx.db.kysely, email);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    throw unauthenticated('E-mail or password is wrong (or the account is disabled); check both and try again.');
  }
  const sessionId = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ctx.config.sessionHours * 3600_000).toISOString();
  const principal = principalOf(user, 'session');
  await inWrite(ctx.db, user.org_id, actorOf(principal), async (w) => {
    await authRepo.deleteExpiredSessions(w.trx, nowIso());
    await authRepo.insertSession(w.trx, { id_hash: sha256(sessionId), user_id: user.id, created_at: nowIso(), expires_at: expiresAt });
    await w.audit('session', user.id, 'login', undefined, { email: user.email, expiresAt });
  });
  return { principal, sessionId, expiresAt };
}

export async function logout(ctx: AppContext, principal: Principal, sessionId: string): Promise<void> {
  await inWrite(ctx.db, principal.orgId, actorOf(principal), async (w) => {
    await authRepo.deleteSession(w.trx, sha256(sessionId));
    await w.audit('session', principal.userId, 'logout');
  });
}

export async function authenticateSession(ctx: AppContext, sessionId: string): Promise<Principal | null> {
  const row = await authRepo.findSessionUser(ctx.db.kysely, sha256(sessionId));
  if (!row || row.disabled || row.expires_at <= nowIso()) return null;
  return principalOf(row, 'session');
}

export async function authenticateToken(ctx: AppContext, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await authRepo.findTokenWithUser(ctx.db.kysely, sha256(token));
  if (!row || row.disabled || row.token_revoked_at) return null;
  const now = nowIso();
  if (row.token_expires_at && row.token_expires_at <= now) return null;
  // Last use to the minute is enough; not a write on every request of a busy script.
  if (!row.token_last_used_at || Date.parse(now) - Date.parse(row.token_last_used_at) > 60_000) {
    await authRepo.updateToken(ctx.db.kysely, row.token_id, { last_used_at: now });
  }
  return principalOf(row, 'token', row.token_id);
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const presentToken = (t: ApiTokensTable): TokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.created_at,
  expiresAt: t.expires_at,
  revokedAt: t.revoked_at,
  lastUsedAt: t.last_used_at,
});

/** Creates a bearer token for a user; the secret is returned once and never stored. */
export async function createToken(
  ctx: AppContext,
  user: Pick<Principal, 'userId' | 'orgId' | 'email'>,
  actor: Parameters<typeof inWrite>[2],
  opts: { name: string; expiresInDays: number | null },
): Promise<{ token: string; view: TokenView }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: ApiTokensTable = {
    id: newId(),
    user_id: user.userId,
    name: opts.name,
    token_hash: sha256(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    created_at: nowIso(),
    expires_at: opts.expiresInDays === null ? null : new Date(Date.now() + opts.expiresInDays * 86400_000).toISOString(),
    revoked_at: null,
    last_used_at: null,
  };
  await inWrite(ctx.db, user.orgId, actor, async (w) => {
    await authRepo.insertToken(w.trx, row);
    await w.audit('api_token', row.id, 'create', undefined, { ...presentToken(row), user: user.email });
  });
  return { token, view: presentToken(row) };
}

export async function listTokens(ctx: AppContext, userId: string): Promise<TokenView[]> {
  return (await authRepo.listTokens(ctx.db.kysely, userId)).map(presentToken);
}

/** Revokes a token; only its owner (or an admin of the same organization) may. */
export async function revokeToken(
  ctx: AppContext,
  caller: { orgId: string; userId: string; isAdmin: boolean },
  actor: Parameters<typeof inWrite>[2],
  tokenId: string,
): Promise<TokenView> {
  const token = await authRepo.findToken(ctx.db.kysely, tokenId);
  const owner = token ? await userRepo.findById(ctx.db.kysely, token.user_id) : undefined;
  if (!token || !owner || owner.org_id !== caller.orgId || (!caller.isAdmin && token.user_id !== caller.userId)) {
    throw notFound('API token', tokenId);
  }
  if (token.revoked_at) return presentToken(token);
  const revokedAt = nowIso();
  await inWrite(ctx.db, caller.orgId, actor, async (w) => {
    await authRepo.updateToken(w.trx, token.id, { revoked_at: revokedAt });
    await w.audit('api_token', token.id, 'revoke', presentToken(token), { ...presentToken(token), revokedAt });
  });
  return { ...presentToken(token), revokedAt };
}

/** Changes the caller's own password after checking the current one; other sessions end. */
export async function changeOwnPassword(
  ctx: AppContext,
  who: Principal,
  current: string,
  next: string,
  keepSessionId?: string,
): Promise<void> {
  const user = await userRepo.findById(ctx.db.kysely, who.userId);
  if (!user || !(await verifyPassword(current, user.password_hash))) {
    throw unauthenticated('The current password is wrong; type it again.');
  }
  if (next.length < 10) throw new AppError('VALIDATION_FAILED', 'The new password is too short; use at least 10 characters.');
  const hash = await hashPassword(next);
  await inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    await userRepo.update(w.trx, user.id, { password_hash: hash, version: user.version + 1, updated_at: nowIso() });
    await authRepo.deleteUserSessions(w.trx, user.id);
    if (keepSessionId) {
      await authRepo.insertSession(w.trx, {
        id_hash: sha256(keepSessionId),
        user_id: user.id,
        created_at: nowIso(),
        expires_at: new Date(Date.now() + ctx.config.sessionHours * 3600_000).toISOString(),
      });
    }
    await w.audit('user', user.id, 'change-password', undefined, { email: user.email });
  });
}

/** Parses "30d", "12h", "never". */
export function parseExpiry(value: string): number | null {
  if (value === 'never') return null;
  const m = /^(\d{1,5})([dh])$/.exec(value);
  if (!m) throw new AppError('USAGE', `Expiry "${value}" is not understood; use a number of days or hours like 30d or 12h, or "never".`);
  const n = Number(m[1]);
  if (n <= 0) throw new AppError('USAGE', 'Expiry must be more than zero; use e.g. 30d.');
  return m[2] === 'd' ? n : n / 24;
}
