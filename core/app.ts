/**
 * One installation's core: its SQLite file, its replica identity and clock, and a context per caller.
 * Both transports (Electron IPC and the hub's HTTP) build on this.
 */
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import './event-types'
import { findMigrationsFolder, openDatabase, type Db } from '../db/open'
import { events, replicas, settings } from '../db/schema'
import { findResourcesDir, isEmpty, loadCatalogue, loadDistrict } from '../db/seed/reference'
import { HybridClock } from './sync/clock'
import { ANONYMOUS, BUILTIN_ADMIN, type Actor, type InstallationHost, type ServiceContext, type SessionInfo } from './common/context'
import type { Lang } from './common/errors'
import { todayCst } from './common/dates'
import { startDemo, startNewDistrict } from './firstrun/firstrun'
import { onRekey } from './firstrun/replica'
import { sessionActor } from './people/users'
import { invoke, type ApiResult } from './api/invoke'
import { applyPending } from './sync/exchange'

export interface CoreOptions {
  /** the SQLite file; ':memory:' for tests */
  file: string
  /**
   * what to put into an empty installation: the Songjiang demo network and stock (its replica marked demo), the bare
   * Songjiang network (tests), a new district network (`new:310115`: its divisions and the default catalogue), or
   * nothing — `'ask'` (the first-run page then asks; the same as `'none'`, named for the reader)
   */
  seed?: 'demo' | 'reference' | 'none' | 'ask' | `new:${string}`
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
  /** An in-process call (tests, seeding): runs as the given actor, the built-in administrator by default. */
  call(method: string, input: unknown, opts?: { actor?: Actor; lang?: Lang }): ApiResult
  /**
   * A call through a transport: the actor is whoever the session token belongs to (nobody without one). `token` in
   * the answer is the new session's token after a login (the transport keeps it), null when the session ended or
   * was not valid (the transport forgets it), absent when nothing changed.
   */
  callWithSession(session: { token?: string; client: SessionInfo['client'] }, method: string, input: unknown, lang?: Lang): { result: ApiResult; token?: string | null; restoreFrom?: SessionInfo['restoreFrom'] }
  close(): void
  /** set by a CoreHolder on each core it opens; every context of this core carries it */
  host?: InstallationHost
}

export function createCore(opts: CoreOptions): Core {
  const migrationsFolder = opts.migrationsFolder ?? findMigrationsFolder()
  const db = openDatabase({ file: opts.file, migrationsFolder })
  let replicaId = ensureLocalReplica(db)
  const lastHlc = db.select({ hlc: sql<string | null>`max(${events.hlc})` }).from(events).get()?.hlc ?? undefined
  let clock = new HybridClock(replicaId, Date.now, lastHlc)
  // an empty installation that becomes a demo takes a new replica id (core/firstrun/replica.ts)
  onRekey(db, (id) => { replicaId = id; clock = new HybridClock(id, Date.now); return clock })
  const today = opts.today ?? (() => todayCst())
  const databaseFile = opts.file === ':memory:' ? undefined : path.resolve(opts.file)
  const dataDir = databaseFile ? path.dirname(databaseFile) : undefined
  let host: InstallationHost | undefined
  const context = (actor: Actor = BUILTIN_ADMIN, lang: Lang = 'zh'): ServiceContext =>
    ({ db, replicaId, clock, actor, lang, today, databaseFile, dataDir, migrationsFolder, host })

  const seed = opts.seed ?? 'demo'
  if (seed !== 'none' && seed !== 'ask' && isEmpty(db)) {
    const resources = opts.resourcesDir ?? findResourcesDir()
    if (seed === 'demo') {
      opts.onProgress?.('正在生成演示数据（试用）… / making the demo data…')
      startDemo(context(), resources)
    } else if (seed.startsWith('new:')) {
      opts.onProgress?.(`正在新建本区储备网络 ${seed.slice(4)} / a new district network…`)
      startNewDistrict(context(), { areaCode: seed.slice(4) }, resources)
    } else {
      opts.onProgress?.('正在载入松江区区划与物资目录…')
      loadDistrict(db, resources)
      loadCatalogue(db, resources)
    }
  }

  // Events received earlier that this build could not apply yet (an upgrade may have brought their applier).
  applyPending({ db })

  const self: Core = {
    db, context,
    get replicaId() { return replicaId },
    get clock() { return clock },
    call: (method, input, o = {}) => invoke(context(o.actor, o.lang), method, input),
    callWithSession: ({ token, client }, method, input, lang = 'zh') => {
      const found = sessionActor(db, token)
      const session: SessionInfo = { client, token: found ? token : undefined, mustChangePassword: found?.mustChangePassword }
      const result = invoke({ ...context(found?.actor ?? ANONYMOUS, lang), session }, method, input)
      const next = session.issued ?? (session.ended || (token && !found) ? null : undefined)
      const restore = result.ok && session.restoreFrom ? { restoreFrom: session.restoreFrom } : {}
      return next === undefined ? { result, ...restore } : { result, token: next, ...restore }
    },
    close: () => db.$client.close(),
    get host() { return host },
    set host(h) { host = h },
  }
  return self
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
