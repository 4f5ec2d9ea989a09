// Rules for reading and writing resourcing-model rows: organization scoping, references
// that must exist (422 naming the field), immutable keys, optimistic concurrency (409 with
// the current row), ownership for contributors, and an audit entry for every write.
import type { AppContext } from '../app/context.js';
import { newId, nowIso } from '../app/ids.js';
import { inWrite, type WriteScope } from '../audit/write.js';
import { can } from '../auth/permissions.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { Db } from '../db/connect.js';
import type { ModelRowBase } from '../db/types.js';
import { AppError, conflict, forbidden, notFound, unprocessable, validationFailed, type ErrorIssue } from '../errors/catalogue.js';
import { KIND_BY_NAME, filterColumn, type EntityKind, type KindName } from './entities.js';
import { formatPath } from './references.js';
import { modelRepo, type ListQuery, type ModelRow } from './repo.js';

type Exec = Db['kysely'] | WriteScope['trx'];

export interface EntityMeta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export type EntityView<T> = T & EntityMeta;

export function presentRow<T extends object>(kind: EntityKind<T>, row: ModelRowBase): EntityView<T> {
  const data = kind.schema.parse(JSON.parse(row.data));
  return { ...data, id: row.id, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Builds the stored row for an item: shared columns plus the kind's filter columns. */
export function rowFor<T extends object>(
  kind: EntityKind<T>,
  orgId: string,
  item: T,
  meta: { id: string; version: number; createdAt: string; updatedAt: string },
): ModelRow {
  const row: ModelRow = {
    id: meta.id,
    org_id: orgId,
    key: kind.keyOf(item),
    name: kind.nameOf(item),
    retired: kind.isRetired(item) ? 1 : 0,
    version: meta.version,
    data: JSON.stringify(item),
    created_at: meta.createdAt,
    updated_at: meta.updatedAt,
  };
  for (const [name, value] of Object.entries(kind.filters)) row[filterColumn(name)] = value(item);
  return row;
}

/** Checks every reference of an item against the organization's rows; 422 naming the field. */
export async function checkReferences<T extends object>(db: Exec, orgId: string, kind: EntityKind<T>, item: T): Promise<void> {
  const wanted = new Map<KindName, Set<string>>();
  const refs = kind.references(item);
  for (const r of refs) {
    const set = wanted.get(r.target) ?? new Set<string>();
    set.add(r.key);
    wanted.set(r.target, set);
  }
  const found = new Map<KindName, Set<string>>();
  for (const [target, keys] of wanted) {
    found.set(target, await modelRepo.existingKeys(db, KIND_BY_NAME[target].table, orgId, [...keys]));
  }
  const issues: ErrorIssue[] = refs
    .filter((r) => !found.get(r.target)?.has(r.key))
    .map((r) => ({
      path: formatPath(r.path),
      message: `no ${KIND_BY_NAME[r.target].label} with key "${r.key}" in this organization; create it first or use an existing key`,
    }));
  if (issues.length) {
    throw unprocessable(
      `This ${kind.label} refers to rows that do not exist: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
      issues,
    );
  }
}

/** The person key of the caller, through the person row whose e-mail is the caller's. */
export async function callerPersonKey(db: Exec, orgId: string, email: string): Promise<string | null> {
  const { rows } = await modelRepo.list(db, 'people', orgId, {
    filters: { email },
    retired: 'all',
    sort: 'key',
    order: 'asc',
    limit: 1,
    offset: 0,
  });
  return rows[0]?.key ?? null;
}

async function assertMayWrite<T extends object>(db: Exec, who: Principal, kind: EntityKind<T>, items: T[]): Promise<void> {
  if (can(who.role, 'model:write')) return;
  if (!can(who.role, 'model:write-own')) throw forbidden(`Your role (${who.role}) may not change the model.`);
  const mine = await callerPersonKey(db, who.orgId, who.email);
  if (!mine) {
    throw forbidden(
      `You own no ${kind.label} rows: no person in the model has your e-mail (${who.email}); ask a compliance lead to link you.`,
    );
  }
  for (const item of items) {
    if (kind.ownerOf(item) !== mine) {
      throw forbidden(
        `You may change only ${kind.label} rows you own (owner "${mine}"); this one is owned by "${kind.ownerOf(item) ?? 'nobody'}".`,
      );
    }
  }
}

function parseItem<T extends object>(kind: EntityKind<T>, input: unknown): T {
  const parsed = kind.schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path as (string | number)[]), message: i.message }));
    throw validationFailed(`This ${kind.label} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, issues);
  }
  return parsed.data;
}

export interface ListResult<T> {
  items: EntityView<T>[];
  total: number;
  limit: number;
  offset: number;
}

export async function listEntities<T extends object>(
  ctx: AppContext,
  who: Principal,
  kind: EntityKind<T>,
  query: ListQuery,
): Promise<ListResult<T>> {
  const filters: Record<string, string> = {};
  for (const [name, value] of Object.entries(query.filters)) filters[filterColumn(name)] = value;
  const { rows, total } = await modelRepo.list(ctx.db.kysely, kind.table, who.orgId, {
    ...query,
    filters,
    sort: query.sort === 'createdAt' ? 'created_at' : query.sort === 'updatedAt' ? 'updated_at' : filterColumn(query.sort),
  });
  return { items: rows.map((r) => presentRow(kind, r)), total, limit: query.limit, offset: query.offset };
}

export async function getEntity<T extends object>(
  ctx: AppContext,
  who: Principal,
  kind: EntityKind<T>,
  id: string,
): Promise<EntityView<T>> {
  const row = await modelRepo.findById(ctx.db.kysely, kind.table, who.orgId, id);
  if (!row) throw notFound(kind.label, id);
  return presentRow(kind, row);
}

/** Inserts a new row inside a write scope (shared by the API, the catalog seeding and imports). */
export async function insertEntity<T extends object>(w: WriteScope, kind: EntityKind<T>, item: T): Promise<EntityView<T>> {
  const key = kind.keyOf(item);
  if (await modelRepo.findByKey(w.trx, kind.table, w.orgId, key)) {
    throw conflict(`A ${kind.label} with key "${key}" already exists; use another key or update that one.`);
  }
  const now = nowIso();
  const row = rowFor(kind, w.orgId, item, { id: newId(), version: 1, createdAt: now, updatedAt: now });
  await modelRepo.insert(w.trx, kind.table, row);
  const view = presentRow(kind, row);
  await w.audit(kind.kind, row.id, 'create', undefined, item);
  return view;
}

export async function createEntity<T extends object>(
  ctx: AppContext,
  who: Principal,
  kind: EntityKind<T>,
  input: unknown,
): Promise<EntityView<T>> {
  const item = parseItem(kind, input);
  return inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    await assertMayWrite(w.trx, who, kind, [item]);
    await checkReferences(w.trx, w.orgId, kind, item);
    return insertEntity(w, kind, item);
  });
}

function staleVersion<T extends object>(kind: EntityKind<T>, sent: number, current: EntityView<T>): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    `This ${kind.label} was changed by someone else (you sent version ${sent}, it is now at version ${current.version}); reload it, reapply your change and send the current version.`,
    { details: { current } },
  );
}

/** Applies a partial change; fields not sent keep their values; arrays are replaced whole. */
export async function updateEntity<T extends object>(
  ctx: AppContext,
  who: Principal,
  kind: EntityKind<T>,
  id: string,
  version: number,
  patch: Record<string, unknown>,
): Promise<EntityView<T>> {
  return inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    const row = await modelRepo.findById(w.trx, kind.table, who.orgId, id);
    if (!row) throw notFound(kind.label, id);
    const current = presentRow(kind, row);
    if (current.version !== version) throw staleVersion(kind, version, current);
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...before } = current;
    const next = parseItem(kind, { ...before, ...patch });
    if (kind.keyOf(next) !== kind.keyOf(before as T)) {
      throw unprocessable(
        `The key of a ${kind.label} cannot change (other rows and files refer to it); create a new one and retire this one.`,
        [{ path: 'key', message: 'keys are immutable' }],
      );
    }
    await assertMayWrite(w.trx, who, kind, [before as T, next]);
    await checkReferences(w.trx, w.orgId, kind, next);
    const updated = rowFor(kind, who.orgId, next, { id, version: version + 1, createdAt: row.created_at, updatedAt: nowIso() });
    if (!(await modelRepo.update(w.trx, kind.table, id, version, updated))) {
      const fresh = await modelRepo.findById(w.trx, kind.table, who.orgId, id);
      throw staleVersion(kind, version, fresh ? presentRow(kind, fresh) : current);
    }
    await w.audit(kind.kind, id, 'update', before, next);
    return presentRow(kind, updated);
  });
}

/** DELETE: retires the row (kept for history), or deletes it when the kind has no retired state. */
export async function retireEntity<T extends object>(
  ctx: AppContext,
  who: Principal,
  kind: EntityKind<T>,
  id: string,
  version: number | undefined,
): Promise<EntityView<T> | null> {
  return inWrite(ctx.db, who.orgId, actorOf(who), async (w) => {
    const row = await modelRepo.findById(w.trx, kind.table, who.orgId, id);
    if (!row) throw notFound(kind.label, id);
    const current = presentRow(kind, row);
    if (version !== undefined && current.version !== version) throw staleVersion(kind, version, current);
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...before } = current;
    await assertMayWrite(w.trx, who, kind, [before as T]);
    const retired = kind.retire(before as T);
    if (retired === null) {
      await modelRepo.delete(w.trx, kind.table, id);
      await w.audit(kind.kind, id, 'delete', before, undefined);
      return null;
    }
    const updated = rowFor(kind, who.orgId, retired, { id, version: current.version + 1, createdAt: row.created_at, updatedAt: nowIso() });
    if (!(await modelRepo.update(w.trx, kind.table, id, current.version, updated))) throw staleVersion(kind, current.version, current);
    await w.audit(kind.kind, id, 'retire', before, retired);
    return presentRow(kind, updated);
  });
}

export function kindByPath(path: string): EntityKind<object> {
  const kind = Object.values(KIND_BY_NAME).find((k) => k.path === path);
  if (!kind) throw new AppError('NOT_FOUND', `Unknown collection "${path}".`);
  return kind as unknown as EntityKind<object>;
}
