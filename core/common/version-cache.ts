/**
 * Answers kept until the data changes (issue 15): a count the dashboard, the badge or the grid asks again and
 * again is computed once per version of the database and then served from memory.
 *
 * The version of what a connection sees is `PRAGMA data_version` (changes when another connection commits — the
 * writer, for a reader in core/readers) with `total_changes()` (rows this connection itself wrote, committed or not;
 * it only grows, so a version is never reused after a rollback). The key of an entry also names everything else the
 * answer depends on (today's date, the filters, the caller's scope); entries of an older version are dropped.
 */
import type Database from 'better-sqlite3'

interface Cache { version: string; entries: Map<string, unknown>; stmt: Database.Statement }
const caches = new WeakMap<Database.Database, Cache>()
/** at most this many answers per version (filters are many; the dashboard's few are the point) */
const MAX_ENTRIES = 500

export function dataVersion(client: Database.Database): string {
  let c = caches.get(client)
  if (!c) {
    c = { version: '', entries: new Map(), stmt: client.prepare('SELECT total_changes() AS t') }
    caches.set(client, c)
  }
  const dv = client.pragma('data_version', { simple: true }) as number
  const tc = (c.stmt.get() as { t: number }).t
  return `${dv}:${tc}`
}

export function perDataVersion<T>(client: Database.Database, key: string, compute: () => T): T {
  // inside a writer's transaction the answer may include what a rollback undoes: computed, never kept
  if (client.inTransaction && !client.readonly) return compute()
  const version = dataVersion(client)
  const c = caches.get(client)!
  if (c.version !== version) { c.version = version; c.entries.clear() }
  if (c.entries.has(key)) return structuredClone(c.entries.get(key)) as T
  const value = compute()
  if (c.entries.size >= MAX_ENTRIES) c.entries.clear()
  c.entries.set(key, value)
  return structuredClone(value)
}
