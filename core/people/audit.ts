/**
 * 审计日志. Why a table of its own and not a view over the event log: the event log holds only changes of state
 * (it is what sync replays), but an audit must also show what was refused and who signed in or failed to — those
 * must never travel as events, or another installation would "replay" a refusal. So each api call that changes
 * something (or is refused, or fails) leaves one append-only entry here, in the same transaction as the change,
 * naming the actor, the installation (replica id), the time, the site, before/after of an edited record and the
 * event(s) that carried the change; the events themselves keep the full payload (and carry author and replica to
 * other installations).
 */
import { and, desc, eq, gte, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { auditLog } from '../../db/schema'
import type { Actor } from '../common/context'
import type { DbOrTx } from '../sync/events'
import { containsPattern, escapeLike } from '../common/text'

export interface AuditEntry {
  replicaId: string
  actor: Pick<Actor, 'id' | 'name'>
  action: string
  outcome: 'ok' | 'refused' | 'failed'
  entity?: string
  entityId?: string
  siteId?: string
  before?: unknown
  after?: unknown
  detail?: string
  eventId?: string
}

export function recordAudit(db: DbOrTx, e: AuditEntry): void {
  db.insert(auditLog).values({
    at: new Date().toISOString(), replicaId: e.replicaId, actorId: e.actor.id, actorName: e.actor.name, action: e.action,
    outcome: e.outcome, entity: e.entity ?? null, entityId: e.entityId ?? null, siteId: e.siteId ?? null,
    before: e.before ?? null, after: e.after ?? null, detail: e.detail?.slice(0, 2000) ?? null, eventId: e.eventId ?? null,
  }).run()
}

export interface AuditQuery {
  from?: string
  to?: string
  actor?: string
  action?: string
  outcome?: 'ok' | 'refused' | 'failed'
  search?: string
  offset: number
  limit: number
}

/** `column LIKE pattern ESCAPE '\'`: the pattern comes from escapeLike, so typed % and _ match literally. */
const likeLiterally = (column: SQLWrapper, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`

function where(q: AuditQuery): SQL | undefined {
  const conds: Array<SQL | undefined> = []
  if (q.from) conds.push(gte(auditLog.at, q.from))
  // `to` is a day: include all of it
  if (q.to) conds.push(lte(auditLog.at, `${q.to}T23:59:59.999Z`))
  if (q.actor) conds.push(or(eq(auditLog.actorId, q.actor), likeLiterally(auditLog.actorName, containsPattern(q.actor))))
  if (q.action) conds.push(likeLiterally(auditLog.action, `${escapeLike(q.action)}%`))
  if (q.outcome) conds.push(eq(auditLog.outcome, q.outcome))
  if (q.search) {
    const s = containsPattern(q.search)
    conds.push(or(likeLiterally(auditLog.entityId, s), likeLiterally(auditLog.detail, s), likeLiterally(auditLog.siteId, s), likeLiterally(auditLog.eventId, s)))
  }
  return conds.length ? and(...conds) : undefined
}

export function searchAudit(db: DbOrTx, q: AuditQuery) {
  const w = where(q)
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(w).get()?.n ?? 0
  const rows = db.select().from(auditLog).where(w).orderBy(desc(auditLog.id)).limit(q.limit).offset(q.offset).all()
  return { rows, total }
}
