// Command: make an organization's model exactly what a model file says, all or nothing, in
// one transaction. Rows are matched by key: new keys are created, changed rows updated
// (version + 1), rows the file no longer has are deleted; every change is audited.
import type { AppContext } from '../../app/context.js';
import { newId, nowIso } from '../../app/ids.js';
import type { Actor } from '../../audit/service.js';
import { inWrite } from '../../audit/write.js';
import { orgRepo } from '../../orgs/repo.js';
import { parseSettings } from '../../orgs/service.js';
import { ENTITY_KINDS, type EntityKind } from '../entities.js';
import { modelRepo } from '../repo.js';
import { scopeFromRow } from '../model-file.js';
import type { ModelFile } from '../schema.js';
import { rowFor } from '../service.js';

export interface ImportCounts {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export interface ImportSummary {
  byKind: Record<string, ImportCounts>;
  settingsChanged: boolean;
  scopeReplaced: boolean;
}

/** Thrown inside the transaction to roll a dry run back, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

export async function importModel(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  model: ModelFile,
  opts: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportSummary> {
  try {
    return await applyModel(ctx, actor, orgId, model, opts);
  } catch (e) {
    if (e instanceof DryRunRollback) return e.summary;
    throw e;
  }
}

async function applyModel(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  model: ModelFile,
  opts: { dryRun?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ImportSummary> {
  const total = ENTITY_KINDS.reduce((n, k) => n + (model[k.fileKey] as unknown[]).length, 0);
  let done = 0;
  return inWrite(ctx.db, orgId, actor, async (w) => {
    const summary: ImportSummary = { byKind: {}, settingsChanged: false, scopeReplaced: false };

    const org = await orgRepo.findById(w.trx, orgId);
    const settingsJson = JSON.stringify(model.organization.settings);
    if (org && JSON.stringify(parseSettings(org.settings)) !== settingsJson) {
      const now = nowIso();
      await orgRepo.update(w.trx, orgId, { settings: settingsJson, version: org.version + 1, updated_at: now });
      await w.audit('organization', orgId, 'update-settings', parseSettings(org.settings), model.organization.settings);
      summary.settingsChanged = true;
    }

    const currentScope = (await modelRepo.listScopeVersions(w.trx, orgId)).map(scopeFromRow);
    if (JSON.stringify(currentScope) !== JSON.stringify(model.scope)) {
      await modelRepo.deleteScopeVersions(w.trx, orgId);
      for (const v of model.scope) {
        await modelRepo.insertScopeVersion(w.trx, {
          id: newId(),
          org_id: orgId,
          version_no: v.version,
          data: JSON.stringify(v),
          created_at: v.createdAt,
          approved_at: v.approval?.at ?? null,
        });
      }
      await w.audit('scope', orgId, 'replace-versions', currentScope, model.scope);
      summary.scopeReplaced = true;
    }

    for (const anyKind of ENTITY_KINDS) {
      const kind = anyKind as unknown as EntityKind<object>;
      const counts: ImportCounts = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
      const existing = new Map((await modelRepo.all(w.trx, kind.table, orgId)).map((r) => [r.key, r]));
      for (const item of model[kind.fileKey] as object[]) {
        const key = kind.keyOf(item);
        const row = existing.get(key);
        const now = nowIso();
        if (!row) {
          const fresh = rowFor(kind, orgId, item, { id: newId(), version: 1, createdAt: now, updatedAt: now });
          await modelRepo.insert(w.trx, kind.table, fresh);
          await w.audit(kind.kind, fresh.id, 'create', undefined, item);
          counts.created++;
        } else {
          existing.delete(key);
          const before = kind.schema.parse(JSON.parse(row.data));
          if (JSON.stringify(before) === JSON.stringify(item)) {
            counts.unchanged++;
          } else {
            const next = rowFor(kind, orgId, item, { id: row.id, version: row.version + 1, createdAt: row.created_at, updatedAt: now });
            await modelRepo.update(w.trx, kind.table, row.id, row.version, next);
            await w.audit(kind.kind, row.id, 'update', before, item);
            counts.updated++;
          }
        }
        opts.onProgress?.(++done, total);
      }
      for (const row of existing.values()) {
        await modelRepo.delete(w.trx, kind.table, row.id);
        await w.audit(kind.kind, row.id, 'delete', JSON.parse(row.data) as unknown, undefined);
        counts.deleted++;
      }
      summary.byKind[kind.fileKey] = counts;
    }
    if (opts.dryRun) throw new DryRunRollback(summary);
    return summary;
  });
}

/** True when the organization has no model rows beyond the default catalogs. */
export async function isModelEmpty(ctx: AppContext, orgId: string): Promise<boolean> {
  for (const kind of ENTITY_KINDS) {
    if (kind.kind === 'competence' || kind.kind === 'activity') continue;
    if ((await modelRepo.count(ctx.db.kysely, kind.table, orgId)) > 0) return false;
  }
  return true;
}
