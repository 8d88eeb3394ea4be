/**
 * People by name, never by their internal id: the stock card's 操作人, an order's 流转记录, the printed forms' 记账.
 * Accounts are local to each installation, but user.* events travel (see sync.ts), so a user of another office is
 * still known by the name its latest user event carried; the office it was done at (the replica's name) is added
 * when the work came by sync. An id known nowhere is shown as 其他办公室的用户, never as the id itself.
 */
import type Database from 'better-sqlite3'
import { BUILTIN_ADMIN } from '../common/context'

type Client = Pick<Database.Database, 'prepare'>

export interface NameOptions {
  /** the replica the work was done at: named after the person when it is not this installation */
  replicaId?: string | null
}

export function peopleNamer(client: Client): (id: string | null | undefined, o?: NameOptions) => string {
  const cache = new Map<string, string>()
  const offices = new Map<string, string | null>()
  const local = (client.prepare('SELECT id FROM replicas WHERE is_local = 1').get() as { id: string } | undefined)?.id
  const userStmt = client.prepare('SELECT display_name AS name FROM users WHERE id = ?')
  const eventStmt = client.prepare(`SELECT payload FROM events WHERE entity_id = ? AND type IN ('user.created', 'user.updated')
    ORDER BY hlc DESC LIMIT 1`)
  const officeStmt = client.prepare('SELECT name FROM replicas WHERE id = ?')
  const person = (id: string): string => {
    const hit = cache.get(id)
    if (hit !== undefined) return hit
    let name = (userStmt.get(id) as { name: string } | undefined)?.name
    if (!name) {
      const ev = eventStmt.get(id) as { payload: string } | undefined
      try { name = ev ? (JSON.parse(ev.payload) as { displayName?: string }).displayName : undefined } catch { name = undefined }
    }
    // built-in actors by their name; an id that is not a user's (a demo seed's "system") as it is; a user id known
    // nowhere as "someone at another office", never the id itself
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    const out = name?.trim() || (id === BUILTIN_ADMIN.id ? BUILTIN_ADMIN.name : UUID.test(id) ? '其他办公室的用户' : id)
    cache.set(id, out)
    return out
  }
  const office = (replicaId: string): string | null => {
    if (!offices.has(replicaId)) offices.set(replicaId, (officeStmt.get(replicaId) as { name: string | null } | undefined)?.name ?? null)
    return offices.get(replicaId)!
  }
  return (id, o) => {
    if (!id) return ''
    const name = person(id)
    const at = o?.replicaId && o.replicaId !== local ? office(o.replicaId) : null
    return at ? `${name}（${at}）` : name
  }
}
