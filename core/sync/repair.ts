/**
 * Start-up repair of a log that holds events under this installation's own replica id that it never gave out
 * (seq beyond its own counter). Earlier builds stored whatever a device or a folder sent under any replica id, so
 * one forged `<own replica>:<next seq + n>` blocked every later posting here (SQLITE_CONSTRAINT_UNIQUE on the
 * event's id). Such an event cannot be ours — `appendEvent` raises the counter in the transaction that stores the
 * event — so it is taken out of the log and listed in `conflicts` (kind `event_refused`, reason `own_replica`,
 * the whole event kept in the row's detail for the administrator). What it changed in the projections when it was
 * applied stays: the message says so and names the events.
 */
import type { Db } from '../../db/open'
import { listRefused } from './exchange'

export interface OwnReplicaRepair {
  replicaId: string
  removed: Array<{ id: string; type: string; entityId: string; author: string }>
  /** zh and en sentences for the log and the start-up output; empty when nothing was found */
  message: { zh: string; en: string } | null
}

export function repairOwnReplica(db: Db): OwnReplicaRepair {
  const c = db.$client
  const local = c.prepare('SELECT id, seen_seq AS seq FROM replicas WHERE is_local = 1').get() as { id: string; seq: number } | undefined
  if (!local) return { replicaId: '', removed: [], message: null }
  const rows = c.prepare('SELECT * FROM events WHERE replica_id = ? AND seq > ? ORDER BY seq').all(local.id, local.seq) as Array<Record<string, unknown> & {
    id: string; type: string; entity_id: string; author: string; seq: number; payload: string
  }>
  if (!rows.length) return { replicaId: local.id, removed: [], message: null }
  // the log is append-only (a trigger): lifted for this one repair, in the same transaction, and put back
  const guard = c.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_delete'").pluck().get() as string | undefined
  c.transaction(() => {
    if (guard) c.exec('DROP TRIGGER events_no_delete')
    for (const r of rows) {
      listRefused(c, { id: r.id, reason: 'own_replica', type: r.type, replicaId: local.id, seq: r.seq }, {
        repairedAtStart: true, entityId: r.entity_id, author: r.author, hlc: r.hlc, payload: JSON.parse(r.payload), appliedAt: r.applied_at,
      })
      c.prepare('DELETE FROM events WHERE id = ?').run(r.id)
    }
    if (guard) c.exec(guard)
  })()
  const ids = rows.map((r) => `${r.id}（${r.type}）`).join('、')
  const idsEn = rows.map((r) => `${r.id} (${r.type})`).join(', ')
  return {
    replicaId: local.id,
    removed: rows.map((r) => ({ id: r.id, type: r.type, entityId: r.entity_id, author: r.author })),
    message: {
      zh: `同步日志中发现 ${rows.length} 个以本机编号（${local.id}）存入、但本机从未生成的事件：${ids}。已将其移出日志并列入冲突，本机的记账不再受阻；这些事件已生效的数据未撤销，请在冲突列表中核对。`,
      en: `The sync log held ${rows.length} event(s) under this installation's own replica id (${local.id}) that it never made: ${idsEn}. They were taken out of the log and listed under conflicts, so postings here are no longer blocked; what they changed when applied was not undone — check them in the conflicts list.`,
    },
  }
}
