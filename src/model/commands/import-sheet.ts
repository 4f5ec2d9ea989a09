// Command: import people, AI systems, tools or third parties from a CSV or XLSX sheet. The
// plan (what would be created or changed, and every row error) is always computed first; a
// dry run stops there, and an apply writes the whole plan in one transaction or nothing.
import type { AppContext } from '../../app/context.js';
import { newId, nowIso } from '../../app/ids.js';
import type { Actor } from '../../audit/service.js';
import { inWrite } from '../../audit/write.js';
import type { Db } from '../../db/connect.js';
import { conflict } from '../../errors/catalogue.js';
import { KIND_BY_NAME, type EntityKind, type KindName } from '../entities.js';
import { formatPath } from '../references.js';
import { modelRepo } from '../repo.js';
import { rowFor } from '../service.js';
import {
  parseSheet,
  planSheetImport,
  sheetImportError,
  type ImportPlan,
  type SheetFormat,
  type SheetItem,
  type SheetKind,
} from '../sheets/index.js';

export interface SheetImportResult {
  kind: SheetKind;
  dryRun: boolean;
  applied: boolean;
  ok: boolean;
  create: { row: number; key: string }[];
  update: { row: number; key: string; changes: { field: string; from: unknown; to: unknown }[] }[];
  unchanged: { row: number; key: string }[];
  errors: { row: number | null; column: string | null; message: string }[];
}

/** The current rows by key, and the version each was at when the plan was made. */
async function loadItems<T extends object>(
  db: Db['kysely'],
  orgId: string,
  kind: EntityKind<T>,
): Promise<{ items: Map<string, T>; versions: Map<string, number> }> {
  const rows = await modelRepo.all(db, kind.table, orgId);
  return {
    items: new Map(rows.map((r) => [r.key, kind.schema.parse(JSON.parse(r.data))])),
    versions: new Map(rows.map((r) => [r.key, r.version])),
  };
}

/** Adds an error for every reference in a planned row that points at no existing row. */
async function checkPlanReferences<K extends SheetKind>(
  db: Db['kysely'],
  orgId: string,
  plan: ImportPlan<SheetItem<K>>,
  kind: EntityKind<SheetItem<K>>,
): Promise<void> {
  const planned = [...plan.create, ...plan.update];
  const wanted = new Map<KindName, Set<string>>();
  for (const p of planned) {
    for (const r of kind.references(p.item)) wanted.set(r.target, (wanted.get(r.target) ?? new Set()).add(r.key));
  }
  const keysByTarget = new Map<KindName, Set<string>>();
  for (const [target, keys] of wanted) {
    const existing = await modelRepo.existingKeys(db, KIND_BY_NAME[target].table, orgId, [...keys]);
    // Rows of this same sheet may refer to each other.
    if (target === kind.kind) for (const p of planned) existing.add(p.key);
    keysByTarget.set(target, existing);
  }
  for (const p of planned) {
    for (const ref of kind.references(p.item)) {
      if (keysByTarget.get(ref.target)?.has(ref.key)) continue;
      plan.errors.push({
        row: p.rowNumber,
        column: formatPath(ref.path),
        message: `no ${KIND_BY_NAME[ref.target].label} with key "${ref.key}"; create it first or correct the key`,
      });
    }
  }
  plan.ok = plan.errors.length === 0;
}

export async function importSheet(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  input: { kind: SheetKind; format: SheetFormat; data: Buffer; dryRun: boolean; today?: string },
): Promise<SheetImportResult> {
  const kind = KIND_BY_NAME[input.kind] as unknown as EntityKind<SheetItem<typeof input.kind>>;
  const today = input.today ?? nowIso().slice(0, 10);
  const parsed = await parseSheet({ data: input.data, format: input.format, kind: input.kind, today });
  const { items, versions } = await loadItems(ctx.db.kysely, orgId, kind);
  const plan = planSheetImport(input.kind, items, parsed);
  await checkPlanReferences(ctx.db.kysely, orgId, plan, kind);
  const result: SheetImportResult = {
    kind: input.kind,
    dryRun: input.dryRun,
    applied: false,
    ok: plan.ok,
    create: plan.create.map((c) => ({ row: c.rowNumber, key: c.key })),
    update: plan.update.map((u) => ({ row: u.rowNumber, key: u.key, changes: u.changes })),
    unchanged: plan.unchanged.map((u) => ({ row: u.rowNumber, key: u.key })),
    errors: plan.errors,
  };
  if (input.dryRun) return result;
  const failure = sheetImportError(plan);
  if (failure) throw failure;

  await inWrite(ctx.db, orgId, actor, async (w) => {
    const now = nowIso();
    for (const c of plan.create) {
      if (await modelRepo.findByKey(w.trx, kind.table, orgId, c.key)) {
        throw conflict(`Row ${c.rowNumber}: a ${kind.label} with key "${c.key}" was created meanwhile; run the import again.`);
      }
      const row = rowFor(kind, orgId, c.item, { id: newId(), version: 1, createdAt: now, updatedAt: now });
      await modelRepo.insert(w.trx, kind.table, row);
      await w.audit(kind.kind, row.id, 'create', undefined, c.item);
    }
    for (const u of plan.update) {
      const current = await modelRepo.findByKey(w.trx, kind.table, orgId, u.key);
      if (!current) throw conflict(`Row ${u.rowNumber}: the ${kind.label} "${u.key}" was deleted meanwhile; run the import again.`);
      const before: unknown = JSON.parse(current.data);
      // Update only from the version the plan was made against: a change made meanwhile wins
      // and the import asks to be run again, rather than silently overwriting it.
      const planned = versions.get(u.key) ?? current.version;
      const next = rowFor(kind, orgId, u.item, { id: current.id, version: planned + 1, createdAt: current.created_at, updatedAt: now });
      if (!(await modelRepo.update(w.trx, kind.table, current.id, planned, next))) {
        throw conflict(`Row ${u.rowNumber}: the ${kind.label} "${u.key}" changed meanwhile; run the import again.`);
      }
      await w.audit(kind.kind, current.id, 'update', before, u.item);
    }
  });
  return { ...result, applied: true };
}
