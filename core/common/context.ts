import type { Db } from '../../db/open'
import type { HybridClock } from '../sync/clock'
import type { Lang } from './errors'

export type Role = 'keeper' | 'planner' | 'dispatcher' | 'admin'

export interface Actor {
  id: string
  name: string
  roles: Role[]
  /** what the actor may act on: one site, one street/town (its region code), or the whole district */
  scope: { kind: 'district' } | { kind: 'street'; regionCode: string } | { kind: 'site'; siteId: string }
}

/** Until users arrive every call runs as this built-in administrator; each method already declares its rights. */
export const BUILTIN_ADMIN: Actor = { id: 'admin', name: '系统管理员', roles: ['admin'], scope: { kind: 'district' } }

/** Who calls through a transport without a session: may only call the methods marked public (login, first setup). */
export const ANONYMOUS: Actor = { id: 'anonymous', name: '未登录', roles: [], scope: { kind: 'site', siteId: '' } }

export const isAnonymous = (actor: Actor) => actor.id === ANONYMOUS.id

/** Which door a call came through and its session, so login and logout can start and end sessions. */
export interface SessionInfo {
  client: 'hub' | 'desktop' | 'test'
  /** the caller's current session token, if any */
  token?: string
  /** set by auth.login / auth.setup: the new session's token, taken by the transport (never sent to the renderer) */
  issued?: string
  /** set by auth.logout: the transport forgets the token */
  ended?: boolean
  /** the actor must pick a new password before anything else (after an administrator's reset) */
  mustChangePassword?: boolean
  /** set by backup.restore after the backup was checked: the transport's CoreHolder swaps this file in */
  restoreFrom?: { file: string; name: string; by: Pick<Actor, 'id' | 'name'> }
}

/** What a service tells the audit trail about a record it changed. */
export interface AuditNote { entity: string; entityId: string; siteId?: string; before?: unknown; after?: unknown }

export interface ServiceContext {
  db: Db
  replicaId: string
  clock: HybridClock
  actor: Actor
  lang: Lang
  /** today's date for expiry arithmetic; injectable so tests and demo data are reproducible */
  today: () => string
  /** the caller's session (transports only; in-process callers have none) */
  session?: SessionInfo
  /** the installation's SQLite file (absent for an in-memory database) */
  databaseFile?: string
  /** services push what they changed (before/after); the api door writes it to the audit trail */
  auditNotes?: AuditNote[]
  /** the installation's data folder (attachments live under it); undefined for an in-memory database */
  dataDir?: string
  /** where this build's migrations are (a snapshot of an older schema is brought up to date with them) */
  migrationsFolder?: string
  /** the CoreHolder behind the transports, when there is one: long jobs that swap the database go through it */
  host?: InstallationHost
}

/**
 * What a CoreHolder offers the services of the core it holds (core/holder.ts): a context on whatever core is
 * current (a job that swapped the database asks again afterwards), and the swap of the database file itself.
 */
export interface InstallationHost {
  context(actor?: Actor, lang?: Lang): ServiceContext
  /**
   * `build` runs synchronously on the current core and returns a complete database file beside it; the holder then
   * closes the core, puts that file in place of the installation's (the old one kept aside until the new one is
   * open, then removed) and opens it. Sessions are kept: they are in the new file if `build` carried them over.
   */
  swapDatabase(build: (ctx: ServiceContext) => string): void
}
