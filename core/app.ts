/**
 * One installation's core: its SQLite file, its replica identity and clock, and a context per caller.
 * Both transports (Electron IPC and the hub's HTTP) build on this.
 */
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { openDatabase, type Db } from '../db/open'
import { events, replicas, settings } from '../db/schema'
import { findResourcesDir, isEmpty, loadCatalogue, loadDistrict } from '../db/seed/reference'
import { HybridClock } from './clock'
import { BUILTIN_ADMIN, type Actor, type ServiceContext } from './context'
import type { Lang } from './errors'
import { todayCst } from './dates'
import { seedDemo } from './demo'
import { invoke, type ApiResult } from './api/invoke'

export interface CoreOptions {
  /** the SQLite file; ':memory:' for tests */
  file: string
  /** what to put into an empty installation: the Songjiang demo network and stock, the bare network, or nothing */
  seed?: 'demo' | 'reference' | 'none'
  migrationsFolder?: string
  resourcesDir?: string
  /** fixed "today" for reproducible tests */
  today?: () => string
  /** progress of first-run seeding, for a splash or the console */
  onProgress?: (message: string) => void
}

export interface Core {
  db: Db
  replicaId: string
  clock: HybridClock
  context(actor?: Actor, lang?: Lang): ServiceContext
  call(method: string, input: unknown, opts?: { actor?: Actor; lang?: Lang }): ApiResult
  close(): void
}

export function createCore(opts: CoreOptions): Core {
  const db = openDatabase({ file: opts.file, migrationsFolder: opts.migrationsFolder })
  const replicaId = ensureLocalReplica(db)
  const lastHlc = db.select({ hlc: sql<string | null>`max(${events.hlc})` }).from(events).get()?.hlc ?? undefined
  const clock = new HybridClock(replicaId, Date.now, lastHlc)
  const today = opts.today ?? (() => todayCst())
  const dataDir = opts.file === ':memory:' ? undefined : path.dirname(path.resolve(opts.file))
  const context = (actor: Actor = BUILTIN_ADMIN, lang: Lang = 'zh'): ServiceContext => ({ db, replicaId, clock, actor, lang, today, dataDir })

  const seed = opts.seed ?? 'demo'
  if (seed !== 'none' && isEmpty(db)) {
    const resources = opts.resourcesDir ?? findResourcesDir()
    opts.onProgress?.('正在载入松江区区划与物资目录…')
    loadDistrict(db, resources)
    loadCatalogue(db, resources)
    if (seed === 'demo') {
      opts.onProgress?.('正在生成演示数据…')
      seedDemo(context())
    }
  }

  return {
    db, replicaId, clock, context,
    call: (method, input, o = {}) => invoke(context(o.actor, o.lang), method, input),
    close: () => db.$client.close(),
  }
}

/** The installation's replica id is made once and kept in the file; it names this installation in every event. */
function ensureLocalReplica(db: Db): string {
  const local = db.select().from(replicas).where(eq(replicas.isLocal, true)).get()
  if (local) return local.id
  const id = randomBytes(4).toString('hex')
  db.transaction((tx) => {
    tx.insert(replicas).values({ id, isLocal: true, seenSeq: 0, name: 'local' }).run()
    tx.insert(settings).values({ key: 'replicaId', value: id }).run()
  })
  return id
}

/** The data folder's SQLite file. */
export const databaseFileIn = (dataDir: string): string => {
  fs.mkdirSync(dataDir, { recursive: true })
  return path.join(dataDir, 'reserve.db')
}
