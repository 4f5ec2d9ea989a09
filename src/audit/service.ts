// The audit log: append-only and hash-chained per organization. Every write in the product
// calls `recordAudit` inside the same transaction as the write, so a change and its audit
// entry commit or roll back together.
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface Actor {
  kind: 'user' | 'token' | 'cli' | 'system';
  id: string;
  label: string;
}

export interface AuditInput {
  orgId: string;
  actor: Actor;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  orgId: string;
  seq: number;
  at: string;
  actor: Actor;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

type Executor = Kysely<Database> | Transaction<Database>;

// RFC 8785 JSON canonicalization; the package is CommonJS whose typings describe an ES default.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('audit entry is not serialisable');
  return text;
}

/** hash = SHA-256(previous hash + canonical JSON of the entry), hex. */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256')
    .update(prevHash + canonical(entry))
    .digest('hex');
}

function serialise(value: unknown): string | null {
  return value === undefined || value === null ? null : canonical(value);
}

/**
 * Appends one entry. Call inside the transaction of the write it records. On PostgreSQL a
 * transaction-scoped advisory lock per organization serialises appenders so the chain never
 * forks; SQLite already serialises write transactions.
 */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Appends one entry. `head` is the chain head this transaction already holds (after its
 * first append), which saves a lock and a read per entry in bulk writes.
 */
export async function recordAudit(
  trx: Transaction<Database>,
  input: AuditInput,
  dialect: 'sqlite' | 'postgres',
  head?: ChainHead,
): Promise<{ entry: AuditEntry; head: ChainHead }> {
  let last = head;
  if (!last) {
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtextextended(${'audit:' + input.orgId}, 0))`.execute(trx);
    }
    last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('org_id', '=', input.orgId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry: AuditEntry = {
    orgId: input.orgId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: input.actor,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    // Round-trip through JSON so what we hash is exactly what verify will read back.
    before: input.before === undefined ? null : (JSON.parse(canonical(input.before)) as unknown),
    after: input.after === undefined ? null : (JSON.parse(canonical(input.after)) as unknown),
  };
  const hash = chainHash(prevHash, entry);
  await trx
    .insertInto('audit_log')
    .values({
      org_id: entry.orgId,
      seq: entry.seq,
      at: entry.at,
      actor: canonical(entry.actor),
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      before: serialise(entry.before),
      after: serialise(entry.after),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { entry, head: { seq: entry.seq, hash } };
}

export interface ChainBreak {
  orgId: string;
  seq: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  organizations: number;
  entries: number;
  firstBreak: ChainBreak | null;
}

const PAGE = 1000;

/** Walks every organization's chain in order and reports the first entry that does not hold. */
export async function verifyAuditChain(db: Executor, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  const orgs = await db.selectFrom('audit_log').select('org_id').distinct().orderBy('org_id').execute();
  let entries = 0;
  for (const { org_id: orgId } of orgs) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const brk = (reason: string): VerifyResult => ({
          ok: false,
          organizations: orgs.length,
          entries,
          firstBreak: { orgId, seq: row.seq, reason },
        });
        if (row.seq !== expectedSeq) return brk(`entry ${expectedSeq} is missing (next found is ${row.seq})`);
        if (row.prev_hash !== prevHash) return brk('its previous-hash does not match the entry before it');
        let entry: AuditEntry;
        try {
          entry = {
            orgId: row.org_id,
            seq: row.seq,
            at: row.at,
            actor: JSON.parse(row.actor) as Actor,
            entity: row.entity,
            entityId: row.entity_id,
            action: row.action,
            before: row.before === null ? null : (JSON.parse(row.before) as unknown),
            after: row.after === null ? null : (JSON.parse(row.after) as unknown),
          };
        } catch {
          return brk('its stored JSON is not readable');
        }
        if (chainHash(prevHash, entry) !== row.hash) return brk('its content does not match its hash (changed after it was written)');
        prevHash = row.hash;
        expectedSeq += 1;
        entries += 1;
      }
      onProgress?.(entries);
    }
  }
  return { ok: true, organizations: orgs.length, entries, firstBreak: null };
}
