import type { Db } from '../db/open'
import type { HybridClock } from './clock'
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

export interface ServiceContext {
  db: Db
  replicaId: string
  clock: HybridClock
  actor: Actor
  lang: Lang
  /** today's date for expiry arithmetic; injectable so tests and demo data are reproducible */
  today: () => string
  /** the installation's data folder (attachments live under it); undefined for an in-memory database */
  dataDir?: string
}
