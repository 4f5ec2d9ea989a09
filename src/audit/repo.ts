// The only SQL of the audit log's read side (writes go through service.recordAudit).
import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable, Database } from '../db/types.js';

type Exec = Kysely<Database> | Transaction<Database>;

export const auditRepo = {
  async countAll(db: Exec): Promise<number> {
    const r = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  list(
    db: Exec,
    orgId: string,
    q: { entity?: string | undefined; entityId?: string | undefined; beforeSeq?: number | undefined; limit: number },
  ): Promise<AuditLogTable[]> {
    let query = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
    if (q.entity) query = query.where('entity', '=', q.entity);
    if (q.entityId) query = query.where('entity_id', '=', q.entityId);
    if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
    return query.orderBy('seq', 'desc').limit(q.limit).execute();
  },
};
