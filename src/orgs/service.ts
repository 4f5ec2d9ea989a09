import type { AppContext } from '../app/context.js';
import { newId, nowIso } from '../app/ids.js';
import type { Actor } from '../audit/service.js';
import { inWrite, type WriteScope } from '../audit/write.js';
import type { OrganizationsTable } from '../db/types.js';
import { AppError, conflict, versionConflict } from '../errors/catalogue.js';
import { orgSettingsSchema, type OrgSettings } from '../model/schema.js';
import { orgRepo } from './repo.js';

export interface OrganizationView {
  id: string;
  name: string;
  settings: OrgSettings;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function parseSettings(json: string): OrgSettings {
  return orgSettingsSchema.parse(JSON.parse(json));
}

export const presentOrg = (o: OrganizationsTable): OrganizationView => ({
  id: o.id,
  name: o.name,
  settings: parseSettings(o.settings),
  version: o.version,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

/** Inserts an organization inside an existing write scope (used by the create commands). */
export async function insertOrganization(w: WriteScope, name: string, settings?: OrgSettings): Promise<OrganizationsTable> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('USAGE', 'The organization needs a name, e.g. --org "Northwind Mutual".');
  if (await orgRepo.findByName(w.trx, trimmed)) {
    throw conflict(`An organization named "${trimmed}" already exists; choose another name.`);
  }
  const now = nowIso();
  const row: OrganizationsTable = {
    id: w.orgId,
    name: trimmed,
    settings: JSON.stringify(settings ?? orgSettingsSchema.parse({})),
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await orgRepo.insert(w.trx, row);
  await w.audit('organization', row.id, 'create', undefined, presentOrg(row));
  return row;
}

export async function listOrganizations(ctx: AppContext): Promise<OrganizationView[]> {
  return (await orgRepo.list(ctx.db.kysely)).map(presentOrg);
}

export async function getOrganization(ctx: AppContext, orgId: string): Promise<OrganizationView> {
  const row = await orgRepo.findById(ctx.db.kysely, orgId);
  if (!row) throw new AppError('NOT_FOUND', `Organization ${orgId} does not exist.`);
  return presentOrg(row);
}

/**
 * Picks the organization a CLI command acts on: the named one, or the only one there is.
 */
export async function resolveOrganization(ctx: AppContext, name: string | undefined): Promise<OrganizationView> {
  if (name !== undefined) {
    const row = await orgRepo.findByName(ctx.db.kysely, name);
    if (!row) {
      const names = (await orgRepo.list(ctx.db.kysely)).map((o) => `"${o.name}"`);
      throw new AppError(
        'NOT_FOUND',
        `No organization named "${name}"; ${names.length ? `existing: ${names.join(', ')}` : 'create one with "adequate init" or "adequate org add <name>"'}.`,
      );
    }
    return presentOrg(row);
  }
  const all = await orgRepo.list(ctx.db.kysely);
  if (all.length === 1 && all[0]) return presentOrg(all[0]);
  if (all.length === 0) throw new AppError('NOT_FOUND', 'There is no organization yet; run "adequate init" first.');
  throw new AppError(
    'USAGE',
    `There are ${all.length} organizations; say which with --org <name> (${all.map((o) => `"${o.name}"`).join(', ')}).`,
  );
}

export async function updateSettings(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  version: number,
  patch: Partial<OrgSettings>,
): Promise<OrganizationView> {
  return inWrite(ctx.db, orgId, actor, async (w) => {
    const row = await orgRepo.findById(w.trx, orgId);
    if (!row) throw new AppError('NOT_FOUND', `Organization ${orgId} does not exist.`);
    if (row.version !== version) throw versionConflict('organization', version, { ...presentOrg(row) });
    const settings = orgSettingsSchema.parse({ ...parseSettings(row.settings), ...patch });
    const next: OrganizationsTable = { ...row, settings: JSON.stringify(settings), version: row.version + 1, updated_at: nowIso() };
    await orgRepo.update(w.trx, orgId, { settings: next.settings, version: next.version, updated_at: next.updated_at });
    await w.audit('organization', orgId, 'update-settings', presentOrg(row), presentOrg(next));
    return presentOrg(next);
  });
}

export const newOrgId = newId;
