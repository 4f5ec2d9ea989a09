// The only SQL of the gap register and analysis runs.
import type { Kysely, Transaction } from 'kysely';
import type { AnalysisRunsTable, Database, GapEventsTable, GapsTable } from '../db/types.js';

type Exec = Kysely<Database> | Transaction<Database>;

export interface GapListQuery {
  status?: string[] | undefined;
  severity?: string[] | undefined;
  rule?: string | undefined;
  subjectKind?: string | undefined;
  subjectKey?: string | undefined;
  owner?: string | undefined;
  source?: string | undefined;
  /** Only gaps whose target date is before this day and that are still open or in progress. */
  overdueBefore?: string | undefined;
  sort: 'severity' | 'rule' | 'updated_at' | 'target_date' | 'first_detected_at';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export const gapRepo = {
  async list(db: Exec, orgId: string, q: GapListQuery): Promise<{ rows: GapsTable[]; total: number }> {
    let base = db.selectFrom('gaps').where('org_id', '=', orgId);
    if (q.status?.length) base = base.where('status', 'in', q.status);
    if (q.severity?.length) base = base.where('severity', 'in', q.severity);
    if (q.rule) base = base.where('rule', '=', q.rule);
    if (q.subjectKind) base = base.where('subject_kind', '=', q.subjectKind);
    if (q.subjectKey) base = base.where('subject_key', '=', q.subjectKey);
    if (q.owner) base = base.where('owner', '=', q.owner);
    if (q.source) base = base.where('source', '=', q.source);
    if (q.overdueBefore) {
      base = base.where('target_date', '<', q.overdueBefore).where('status', 'in', ['open', 'in-progress']);
    }
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rowsQuery = base.selectAll();
    if (q.sort === 'severity') {
      // critical first when descending: order by the rank, not the word.
      rowsQuery = rowsQuery.orderBy(
        (eb) =>
          eb
            .case()
            .when('severity', '=', 'critical')
            .then(4)
            .when('severity', '=', 'high')
            .then(3)
            .when('severity', '=', 'medium')
            .then(2)
            .else(1)
            .end(),
        q.order,
      );
    } else {
      rowsQuery = rowsQuery.orderBy(q.sort, q.order);
    }
    const rows = await rowsQuery.orderBy('identity').limit(q.limit).offset(q.offset).execute();
    return { rows, total: Number(count?.n ?? 0) };
  },
  findById(db: Exec, orgId: string, id: string): Promise<GapsTable | undefined> {
    return db.selectFrom('gaps').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  },
  allForOrg(db: Exec, orgId: string): Promise<GapsTable[]> {
    return db.selectFrom('gaps').selectAll().where('org_id', '=', orgId).execute();
  },
  async insert(db: Exec, row: GapsTable): Promise<void> {
    await db.insertInto('gaps').values(row).execute();
  },
  async update(db: Exec, id: string, expectedVersion: number, patch: Partial<GapsTable>): Promise<boolean> {
    const r = await db.updateTable('gaps').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async insertEvent(db: Exec, row: GapEventsTable): Promise<void> {
    await db.insertInto('gap_events').values(row).execute();
  },
  events(db: Exec, gapId: string): Promise<GapEventsTable[]> {
    return db.selectFrom('gap_events').selectAll().where('gap_id', '=', gapId).orderBy('at').orderBy('id').execute();
  },
  async insertRun(db: Exec, row: AnalysisRunsTable): Promise<void> {
    await db.insertInto('analysis_runs').values(row).execute();
  },
  listRuns(db: Exec, orgId: string, limit: number, offset: number): Promise<Omit<AnalysisRunsTable, 'result'>[]> {
    return db
      .selectFrom('analysis_runs')
      .select(['id', 'org_id', 'at', 'actor', 'period', 'as_of', 'summary'])
      .where('org_id', '=', orgId)
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
  },
  findRun(db: Exec, orgId: string, id: string): Promise<AnalysisRunsTable | undefined> {
    return db.selectFrom('analysis_runs').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  },
};
