/**
 * One reader (core/readers/pool.ts): a read-only connection on the installation's WAL file in a worker thread.
 * It answers a `kind: 'query'` method when the caller's session is valid and every check passes; anything else —
 * a refusal (the audit is written by the writer), an unknown session, a handler that tried to write — is handed
 * back with `fallback` and the main thread answers it through the one writer as before.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import '../event-types'
import { schema, type Db } from '../../db/open'
import { contract, type MethodSpec } from '../api/contract'
import { handlers } from '../api/handlers'
import { authorize, isMethodName, roleAllows } from '../api/invoke'
import { HybridClock } from '../sync/clock'
import { isAppError, type Lang } from '../common/errors'
import type { ServiceContext, SessionInfo } from '../common/context'
import { sessionActor } from '../people/users'
import type { ReaderRequest, ReaderReply } from './pool'

const { file, migrationsFolder, hold } = workerData as { file: string; migrationsFolder?: string; hold?: { method: string; gate: SharedArrayBuffer } }
/** tests only: a call of `hold.method` waits until the test opens the gate (a stand-in for a slow report) */
const gate = hold ? new Int32Array(hold.gate) : undefined
const client = new Database(file, { readonly: true, fileMustExist: true })
client.pragma('busy_timeout = 5000')
const db = drizzle(client, { schema }) as Db
const replicaId = (client.prepare('SELECT id FROM replicas WHERE is_local = 1').pluck().get() as string | undefined) ?? ''
const clock = new HybridClock(replicaId, Date.now)

/** One read transaction per call: every statement of a handler sees the same committed state. */
const inSnapshot = client.transaction((fn: () => unknown) => fn())

function answer(req: ReaderRequest): ReaderReply {
  const fallback: ReaderReply = { id: req.id, fallback: true }
  if (!isMethodName(req.method)) return fallback
  const spec = contract[req.method] as MethodSpec
  if (spec.kind !== 'query' || spec.selfAudited) return fallback
  try {
    return inSnapshot(() => {
      const found = sessionActor(db, req.token)
      if (!found || found.mustChangePassword || !roleAllows(found.actor, spec)) return fallback
      const parsed = spec.input.safeParse(req.input ?? {}, { reportInput: true })
      if (!parsed.success) return fallback
      const session: SessionInfo = { client: 'hub', token: req.token, mustChangePassword: false }
      const ctx: ServiceContext = {
        db, replicaId, clock, actor: found.actor, lang: req.lang as Lang, today: () => req.today, session,
        databaseFile: file, dataDir: undefined, migrationsFolder,
      }
      authorize(ctx, spec, parsed.data)
      const handler = handlers[req.method as keyof typeof handlers] as (c: ServiceContext, i: unknown) => unknown
      if (gate && hold?.method === req.method) Atomics.wait(gate, 0, 0)
      const data = handler(ctx, parsed.data)
      return { id: req.id, result: { ok: true, data } }
    }) as ReaderReply
  } catch (e) {
    // A refusal is audited and an unexpected error logged by the writer: it answers this call again.
    if (!isAppError(e) || ['FORBIDDEN', 'UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED', 'INTERNAL'].includes(e.code)) return fallback
    return { id: req.id, result: { ok: false, error: e.toWire(req.lang as Lang) } }
  }
}

parentPort!.on('message', (req: ReaderRequest) => {
  let reply: ReaderReply
  try { reply = answer(req) } catch { reply = { id: req.id, fallback: true } }
  try { parentPort!.postMessage(reply) } catch { parentPort!.postMessage({ id: req.id, fallback: true }) }
})
parentPort!.postMessage({ ready: true })
