// A write scope: one transaction plus an audit function bound to the organization and actor,
// so every write and its audit entry commit together.
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/types.js';
import { recordAudit, type Actor, type ChainHead } from './service.js';

export interface WriteScope {
  trx: Transaction<Database>;
  orgId: string;
  actor: Actor;
  audit(entity: string, entityId: string, action: string, before?: unknown, after?: unknown): Promise<void>;
}

export function inWrite<T>(db: Db, orgId: string, actor: Actor, fn: (w: WriteScope) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(async (trx) => {
    let head: ChainHead | undefined;
    const scope: WriteScope = {
      trx,
      orgId,
      actor,
      audit: async (entity, entityId, action, before, after) => {
        ({ head } = await recordAudit(trx, { orgId, actor, entity, entityId, action, before, after }, db.dialect, head));
      },
    };
    return fn(scope);
  });
}
