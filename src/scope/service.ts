// Scope statements are versioned: every save is a new version, old versions stay readable,
// and an approver approves a version (after which it never changes).
import type { AppContext } from '../app/context.js';
import { newId, nowIso } from '../app/ids.js';
import { inWrite } from '../audit/write.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { AppError, conflict } from '../errors/catalogue.js';
import { scopeFromRow } from '../model/model-file.js';
import { modelRepo } from '../model/repo.js';
import { scopeVersionSchema, type ScopeVersion } from '../model/schema.js';

export type ScopeDraft = Omit<ScopeVersion, 'version' | 'createdAt' | 'createdBy' | 'approval'>;

export async function listScopeVersions(ctx: AppContext, who: Principal): Promise<ScopeVersion[]> {
  return (await modelRepo.listScopeVersions(ctx.db.kysely, who.orgId)).map(scopeFromRow);
}

export async function getScopeVersion(ctx: AppContext, who: Principal, version: number): Promise<ScopeVersion> {
  const row = await modelRepo.findScopeVersion(ctx.db.kysely, who.orgId, version);
  if (!row) throw new AppError('NOT_FOUND', `There is no scope version ${version}; list them with GET /api/v1/scope/versions.`);
  return scopeFromRow(row);
}

/** Saves a new version; `basedOn` must be the latest version the caller saw (null for the first). */
export async function saveScopeVersion(ctx: AppContext, who: Principal, basedOn: number | null, draft: ScopeDraft): Promise<ScopeVersion> {
  return inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    const versions = await modelRepo.listScopeVersions(w.trx, who.orgId);
    const latest = versions.at(-1)?.version_no ?? null;
    if (latest !== basedOn) {
      throw conflict(
        `The scope has moved on: you based your change on version ${basedOn ?? 'none'} but the latest is ${latest ?? 'none'}; reload it and save again.`,
      );
    }
    const version = scopeVersionSchema.parse({
      ...draft,
      version: (latest ?? 0) + 1,
      createdAt: nowIso(),
      createdBy: who.email,
      approval: null,
    });
    await modelRepo.insertScopeVersion(w.trx, {
      id: newId(),
      org_id: who.orgId,
      version_no: version.version,
      data: JSON.stringify(version),
      created_at: version.createdAt,
      approved_at: null,
    });
    await w.audit('scope', String(version.version), 'create-version', undefined, version);
    return version;
  });
}

export async function approveScopeVersion(ctx: AppContext, who: Principal, versionNo: number): Promise<ScopeVersion> {
  return inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    const row = await modelRepo.findScopeVersion(w.trx, who.orgId, versionNo);
    if (!row) throw new AppError('NOT_FOUND', `There is no scope version ${versionNo}.`);
    const current = scopeFromRow(row);
    if (current.approval)
      throw conflict(`Scope version ${versionNo} was already approved by ${current.approval.by} on ${current.approval.at}.`);
    const approved: ScopeVersion = { ...current, approval: { by: who.email, at: nowIso() } };
    await modelRepo.updateScopeVersion(w.trx, row.id, { data: JSON.stringify(approved), approved_at: approved.approval?.at ?? null });
    await w.audit('scope', String(versionNo), 'approve', current, approved);
    return approved;
  });
}
