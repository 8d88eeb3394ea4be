/**
 * The hub: the same api as the desktop app, over HTTP, plus the built renderer, so a browser gets the same UI.
 */
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import Database from 'better-sqlite3'
import fastifyCookie from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import { createCore, databaseFileIn, type Core } from '../core/app'
import { roleAllows, statusFor } from '../core/api/invoke'
import { contract } from '../core/api/contract'
import { holdCore, type CoreHolder } from '../core/holder'
import { sessionActor } from '../core/people/users'
import { recordAudit } from '../core/people/audit'
import { AppError } from '../core/common/errors'
import type { Lang } from '../core/common/errors'
import { openApiDocument } from './openapi'
import { isAppError } from '../core/common/errors'
import { hubSync, mirrorDevices, sqliteHubStore, type HubEventStore } from '../core/sync/hub'
import { backupFileName, backupsDirFor, backupToFile, checkBackup, giveNewReplicaId, liveFacts, scheduleDailyBackups } from '../core/system/backup'
import { csrfMatches, ensureCsrfCookie, HUB_SECURITY_HEADERS, LOGIN_RATE_LIMIT, SESSION_COOKIE, setSessionCookie } from './security'
import { mirroredStore, pgHubStore, type PgPool } from './hub-pg'
import { startAutoSync } from '../core/sync/auto'
import { repairOwnReplica } from '../core/sync/repair'

export interface HubOptions {
  dataDir: string
  /** the built renderer (index.html and assets); omitted = api only */
  rendererDir?: string
  seed?: 'demo' | 'reference' | 'none'
  today?: () => string
  logger?: boolean
  onProgress?: (message: string) => void
  /** the daily automatic backup into <dataDir>/backups (default on) */
  dailyBackups?: boolean
  /** logins (and first-run setups) allowed per address and window; default LOGIN_RATE_LIMIT */
  loginRateLimit?: { max: number; timeWindow: number }
  /** keep the sync log in PostgreSQL (the CLI passes DATABASE_URL); omitted = this installation's SQLite file */
  databaseUrl?: string
  /** instead of databaseUrl, a pool of the caller's (tests: an in-process PostgreSQL); it stays the caller's */
  databasePool?: PgPool
  /** the PostgreSQL schema of the log (default reserve_hub) */
  databaseSchema?: string
  /** sync this hub's own folder/upstream hub every N minutes (the CLI: 5); omitted = only on sync-now */
  autoSyncMinutes?: number
}

/** `/latest.yml`, `/应急物资储备网络-Setup-0.2.0.exe`, … : one plain file name, nothing else. */
export function isUpdateFileName(urlPath: string): boolean {
  const name = urlPath.replace(/^\/+/, '')
  return name.length > 0 && name.length <= 200 && !name.includes('/') && !name.includes('\\') && !name.startsWith('.') && !name.includes('..')
    && !/[\u0000-\u001f]/.test(name)
}

/** `core` is the current one: a restore from inside the app replaces it (see core/holder.ts). */
export interface Hub { app: FastifyInstance; readonly core: Core; holder: CoreHolder; readonly store: HubEventStore }

/** api methods that read or change the device list (kept with the PostgreSQL log when there is one) */
const DEVICE_METHODS = new Set(['sync.devices', 'sync.registerDevice', 'sync.revokeDevice'])

/** Where the hub listens unless told otherwise: this machine only. Reaching it from the LAN needs --host. */
export const DEFAULT_HOST = '127.0.0.1'

/** An uploaded backup (restore from a file on the hub): at most this many bytes. */
export const UPLOAD_LIMIT = 2 * 1024 * 1024 * 1024

/** zh unless the caller asks for English (x-lang header, or Accept-Language starting with en). */
export function languageOf(headers: Record<string, string | string[] | undefined>): Lang {
  const explicit = String(headers['x-lang'] ?? '')
  if (explicit === 'en' || explicit === 'zh') return explicit
  return String(headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh'
}

export async function createHub(opts: HubOptions): Promise<Hub> {
  const databaseFile = databaseFileIn(opts.dataDir)
  const say = opts.onProgress ?? ((m: string) => console.warn(m))
  // The PostgreSQL log, when there is one, opened before the hub's file: a file older than the log (put back by
  // hand from a copy) would give out again ids of the hub's own replica that the log holds.
  const pgSource = opts.databasePool ?? opts.databaseUrl
  const pgLog = pgSource ? await pgHubStore(pgSource, { schema: opts.databaseSchema }) : undefined
  if (pgLog && fs.existsSync(databaseFile)) {
    const peek = new Database(databaseFile, { readonly: true, fileMustExist: true })
    let local: { id: string; seq: number } | undefined
    try {
      local = peek.prepare("SELECT id, seen_seq AS seq FROM replicas WHERE is_local = 1").get() as typeof local
    } catch { /* a new file: no tables yet */ } finally { peek.close() }
    const inLog = local ? (await pgLog.vector())[local.id] ?? 0 : 0
    if (local && inLog > local.seq) {
      const { replicaId } = giveNewReplicaId(databaseFile)
      say(`服务器数据文件比 PostgreSQL 同步日志旧（本机副本 ${local.id} 在文件中到第 ${local.seq} 条，日志中到第 ${inLog} 条）：本机改用新的副本编号 ${replicaId}，缺少的变更将从日志补回，不会重复使用已发出的编号。\n`
        + `The hub's file is older than the PostgreSQL log (replica ${local.id}: ${local.seq} in the file, ${inLog} in the log): the hub continues as replica ${replicaId}, the missing changes come back from the log, no id given out is used again.`)
    }
  }
  let seed = opts.seed ?? 'demo'
  const holder = holdCore(() => {
    const c = createCore({ file: databaseFile, seed, today: opts.today, onProgress: opts.onProgress })
    seed = 'none' // a restored file is opened as it is
    return c
  }, {
    attach: opts.dailyBackups === false ? undefined
      : (c) => scheduleDailyBackups(c.db, backupsDirFor(databaseFile), () => c.context().today()),
  })
  // A log an earlier build let a device write into under this hub's own replica id: repaired before anything runs
  // (in the PostgreSQL log too: there, anything of the hub's replica beyond what the hub has given out).
  const repaired = repairOwnReplica(holder.core.db)
  if (repaired.message) say(`${repaired.message.zh}\n${repaired.message.en}`)
  if (pgLog) {
    const own = holder.core.db.$client.prepare('SELECT id, seen_seq AS seq FROM replicas WHERE is_local = 1').get() as { id: string; seq: number }
    const removed = await pgLog.removeBeyond(own.id, own.seq)
    if (removed.length) {
      say(`PostgreSQL 同步日志中有 ${removed.length} 个以服务器本机编号存入、但本机从未生成的事件（${removed.join('、')}）：已从日志移除。\n`
        + `The PostgreSQL log held ${removed.length} event(s) under the hub's own replica id that the hub never made (${removed.join(', ')}): removed from the log.`)
    }
  }
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 8 * 1024 * 1024 })

  // A body that is not JSON is bad input too, and gets the same answer shape. Set before any route or scope is
  // registered: a route takes the error handler in force when it is added.
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const lang = languageOf(req.headers)
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500
    reply.code(status).send({
      ok: false,
      error: {
        code: status === 413 ? 'TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : status < 500 ? 'VALIDATION' : 'INTERNAL',
        message: status === 413 ? (lang === 'en' ? 'Request too large' : '请求内容过大')
          : status === 429 ? (lang === 'en' ? 'Too many attempts: wait a minute and try again' : '尝试次数过多，请一分钟后再试')
          : status < 500 ? (lang === 'en' ? `Bad request: ${err.message}` : `请求格式不正确：${err.message}`)
            : (lang === 'en' ? 'Internal error' : '系统内部错误'),
      },
    })
  })

  await app.register(fastifyCookie)
  // Only the login is limited; the other routes need a session first.
  await app.register(fastifyRateLimit, { global: false })

  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(HUB_SECURITY_HEADERS)) reply.header(k, v)
    return payload
  })
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET') ensureCsrfCookie(req, reply)
  })

  app.get('/api/openapi.json', async () => openApiDocument())
  app.get('/healthz', async () => ({ ok: true }))

  // Sync with devices: the token issued by the hub's administrator, in Authorization: Bearer <token>.
  // The event store is SQLite (this installation's own log), or PostgreSQL with the SQLite file as its projection.
  // Either is built over the holder's current core, so a restore inside the app (core/holder.ts) is followed.
  if (pgLog) app.addHook('onClose', async () => pgLog.close())
  const storeOf = (): HubEventStore => pgLog ? mirroredStore(pgLog, holder.core.context()) : sqliteHubStore(holder.core.context())
  if (pgLog) {
    await mirroredStore(pgLog, holder.core.context()).catchUp()
    await mirrorDevices(holder.core.context(), pgLog)
  }
  app.post('/sync', async (req, reply) => {
    const lang = languageOf(req.headers)
    const auth = String(req.headers.authorization ?? '')
    try {
      return await hubSync(holder.core.context(), storeOf(), auth.startsWith('Bearer ') ? auth.slice(7) : undefined, req.body)
    } catch (e) {
      if (!isAppError(e)) throw e
      return reply.code(e.status).send({ ok: false, error: e.toWire(lang) })
    }
  })

  // The desktop app's update feed (electron-updater, generic provider): latest.yml and the installers the
  // administrator puts in <data>/updates. Only plain file names are served: no folders, no dot-files, no traversal.
  const updatesDir = path.join(opts.dataDir, 'updates')
  fs.mkdirSync(updatesDir, { recursive: true })
  await app.register(fastifyStatic, {
    root: updatesDir, prefix: '/updates/', decorateReply: false, index: false, list: false, dotfiles: 'deny', allowedPath: (p) => isUpdateFileName(p),
  })

  const refuse = (reply: FastifyReply, lang: Lang, code: string, zh: string, en: string, status: number) =>
    reply.code(status).send({ ok: false, error: { code, message: lang === 'en' ? en : zh } })

  const callApi = async (req: FastifyRequest<{ Params: { method: string } }>, reply: FastifyReply) => {
    const lang = languageOf(req.headers)
    // A state-changing call (every api call is a POST) must repeat the CSRF cookie in a header.
    if (!csrfMatches(req)) return refuse(reply, lang, 'CSRF', '页面已过期，请刷新后重试', 'The page has expired: reload it and try again', 403)
    // The device list lives with the log: the file's copy is brought up to date before, and the log after.
    const devices = pgLog && DEVICE_METHODS.has(req.params.method)
    if (devices) await mirrorDevices(holder.core.context(), pgLog)
    const ownSeq = () => holder.core.db.$client.prepare('SELECT seen_seq FROM replicas WHERE is_local = 1').pluck().get() as number | undefined
    const seqBefore = pgLog ? ownSeq() : undefined
    const call = holder.callWithSession({ token: req.cookies[SESSION_COOKIE], client: 'hub' }, req.params.method, req.body ?? {}, lang)
    const { token } = call
    let { result } = call
    if (devices && result.ok) await mirrorDevices(holder.core.context(), pgLog)
    // What the hub acknowledges is in PostgreSQL when the answer is sent: a call that made events here (a posting
    // in the hub's browser UI) puts them into the log first. If the log cannot be reached the change is kept in the
    // hub's file (and copied at the next call or device sync), and the answer says so instead of "saved".
    let behind = false
    if (pgLog && !holder.swapping && ownSeq() !== seqBefore) {
      try {
        await mirroredStore(pgLog, holder.core.context()).pushLocal()
      } catch (e) {
        behind = true
        result = { ok: false, error: new AppError('HUB_LOG_BEHIND', { detail: e instanceof Error ? e.message : String(e) }, {}, 503).toWire(lang) }
      }
    }
    if (token !== undefined) setSessionCookie(req, reply, token)
    if (!result.ok) reply.code(behind ? 503 : statusFor(result.error))
    return result
  }
  const loginLimit = { rateLimit: opts.loginRateLimit ?? LOGIN_RATE_LIMIT }
  app.post<{ Params: { method: string } }>('/api/auth.login', { config: loginLimit }, (req, reply) => callApi(Object.assign(req, { params: { method: 'auth.login' } }), reply))
  app.post<{ Params: { method: string } }>('/api/auth.setup', { config: loginLimit }, (req, reply) => callApi(Object.assign(req, { params: { method: 'auth.setup' } }), reply))
  app.post<{ Params: { method: string } }>('/api/:method', callApi)

  // Backups as files: the administrator downloads one, or uploads one to restore. Both need a session of someone
  // allowed to back up; the file never names a path on the hub.
  const administrator = (req: FastifyRequest, lang: Lang): { actor: NonNullable<ReturnType<typeof sessionActor>>['actor']; core: Core } => {
    const core = holder.core
    const who = sessionActor(core.db, req.cookies[SESSION_COOKIE])
    if (!who) throw new AppError('UNAUTHENTICATED', {}, {}, 401)
    if (who.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED', {}, {}, 403)
    if (!roleAllows(who.actor, contract['backup.create'])) {
      recordAudit(core.db, { replicaId: core.replicaId, actor: who.actor, action: 'backup.file', outcome: 'refused', entity: 'backup', detail: lang })
      throw new AppError('FORBIDDEN', { reason: '角色不符', reasonEn: 'role' }, {}, 403)
    }
    return { actor: who.actor, core }
  }
  const answerError = (reply: FastifyReply, lang: Lang, e: unknown) => {
    if (!isAppError(e)) throw e
    return reply.code(e.status === 400 ? 409 : e.status).send({ ok: false, error: e.toWire(lang) })
  }

  // GET with the session cookie (SameSite=Strict: another site's link carries none): a consistent copy, streamed.
  app.get('/api/backup.download', async (req, reply) => {
    const lang = languageOf(req.headers)
    try {
      const { actor, core } = administrator(req, lang)
      const name = backupFileName(core.context().today())
      const tmp = path.join(backupsDirFor(databaseFile), `.download-${process.pid}-${Date.now()}.db`)
      fs.mkdirSync(path.dirname(tmp), { recursive: true })
      const made = backupToFile(core.db, tmp)
      recordAudit(core.db, { replicaId: core.replicaId, actor, action: 'backup.download', outcome: 'ok', entity: 'backup', entityId: name, detail: `${made.bytes} bytes` })
      const stream = fs.createReadStream(tmp)
      stream.on('close', () => fs.rmSync(tmp, { force: true }))
      return reply
        .header('content-type', 'application/vnd.sqlite3')
        .header('content-length', String(made.bytes))
        .header('content-disposition', `attachment; filename="reserve-backup-${core.context().today()}.db"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(stream)
    } catch (e) {
      return answerError(reply, lang, e)
    }
  })

  // An uploaded backup: the raw file as the body. It is checked and kept in the backups folder as upload-<time>.db;
  // restoring it is then backup.restore with that name, like any listed backup.
  // The only route that takes a binary body, and the only one with a limit above the 8 MB of every other: in a
  // scope of its own (no other route knows application/octet-stream: 415 before any byte is read), and the
  // session, CSRF and role are checked on the request's headers (onRequest) before its body is read, so an
  // anonymous upload is answered 401 at once whatever it announces.
  const uploaders = new WeakMap<FastifyRequest, ReturnType<typeof administrator>>()
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body))
    scope.addHook('onRequest', async (req, reply) => {
      const lang = languageOf(req.headers)
      if (!csrfMatches(req)) return refuse(reply, lang, 'CSRF', '页面已过期，请刷新后重试', 'The page has expired: reload it and try again', 403)
      try {
        uploaders.set(req, administrator(req, lang))
      } catch (e) {
        return answerError(reply, lang, e)
      }
    })
    scope.post('/api/backup.upload', { bodyLimit: UPLOAD_LIMIT }, async (req, reply) => {
      const lang = languageOf(req.headers)
      try {
        const { actor, core } = uploaders.get(req) ?? administrator(req, lang)
        if (!Buffer.isBuffer(req.body)) throw new AppError('BACKUP_INVALID', { reason: '请选择备份文件上传', reasonEn: 'send the backup file as application/octet-stream' })
        const name = `upload-${new Date().toISOString().replace(/[:.]/g, '-')}.db`
        const file = path.join(backupsDirFor(databaseFile), name)
        fs.mkdirSync(path.dirname(file), { recursive: true })
        fs.writeFileSync(file, req.body, { flag: 'wx' })
        const audit = (outcome: 'ok' | 'failed', detail: string) =>
          recordAudit(core.db, { replicaId: core.replicaId, actor, action: 'backup.upload', outcome, entity: 'backup', entityId: name, detail })
        try {
          const check = checkBackup(file, liveFacts(core.db))
          audit('ok', `${req.body.length} bytes, ${check.documents} documents`)
          return { ok: true, data: { name, documents: check.documents } }
        } catch (e) {
          fs.rmSync(file, { force: true })
          audit('failed', isAppError(e) ? e.toWire('zh').message : String(e))
          throw e
        }
      } catch (e) {
        return answerError(reply, lang, e)
      }
    })
  })

  if (opts.rendererDir && fs.existsSync(path.join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.rendererDir), index: 'index.html' })
    // The UI routes by hash, so any other GET outside /api is the app itself.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html')
      reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: '找不到该地址' } })
    })
  }

  if (opts.autoSyncMinutes) {
    const stop = startAutoSync(() => holder.core.context(), opts.autoSyncMinutes)
    app.addHook('onClose', async () => stop())
  }
  app.addHook('onClose', async () => { holder.close() })
  return {
    app, holder,
    get core() { return holder.core },
    get store() { return storeOf() },
  }
}
