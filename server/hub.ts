/**
 * The hub: the same api as the desktop app, over HTTP, plus the built renderer, so a browser gets the same UI.
 */
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import fastifyCookie from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import { createCore, databaseFileIn, type Core } from '../core/app'
import { statusFor } from '../core/api/invoke'
import type { Lang } from '../core/errors'
import { openApiDocument } from './openapi'
import { isAppError } from '../core/errors'
import { hubSync, sqliteHubStore, type HubEventStore } from '../core/sync/hub'
import { backupsDirFor, scheduleDailyBackups } from '../core/services/backup'
import { csrfMatches, ensureCsrfCookie, HUB_SECURITY_HEADERS, LOGIN_RATE_LIMIT, SESSION_COOKIE, setSessionCookie } from './security'
import { mirroredStore, pgHubStore } from './hub-pg'
import { startAutoSync } from '../core/sync/auto'

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

export interface Hub { app: FastifyInstance; core: Core; store: HubEventStore }

/** zh unless the caller asks for English (x-lang header, or Accept-Language starting with en). */
export function languageOf(headers: Record<string, string | string[] | undefined>): Lang {
  const explicit = String(headers['x-lang'] ?? '')
  if (explicit === 'en' || explicit === 'zh') return explicit
  return String(headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh'
}

export async function createHub(opts: HubOptions): Promise<Hub> {
  const core = createCore({ file: databaseFileIn(opts.dataDir), seed: opts.seed ?? 'demo', today: opts.today, onProgress: opts.onProgress })
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 8 * 1024 * 1024 })

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
  let store: HubEventStore = sqliteHubStore(core.context())
  if (opts.databaseUrl) {
    const log = await pgHubStore(opts.databaseUrl, { schema: opts.databaseSchema })
    const mirrored = mirroredStore(log, core.context())
    await mirrored.catchUp()
    store = mirrored
    app.addHook('onClose', async () => log.close())
  }
  app.post('/sync', async (req, reply) => {
    const lang = languageOf(req.headers)
    const auth = String(req.headers.authorization ?? '')
    try {
      return await hubSync(core.context(), store, auth.startsWith('Bearer ') ? auth.slice(7) : undefined, req.body)
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
    const { result, token } = core.callWithSession({ token: req.cookies[SESSION_COOKIE], client: 'hub' }, req.params.method, req.body ?? {}, lang)
    if (token !== undefined) setSessionCookie(req, reply, token)
    if (!result.ok) reply.code(statusFor(result.error))
    return result
  }
  const loginLimit = { rateLimit: opts.loginRateLimit ?? LOGIN_RATE_LIMIT }
  app.post<{ Params: { method: string } }>('/api/auth.login', { config: loginLimit }, (req, reply) => callApi(Object.assign(req, { params: { method: 'auth.login' } }), reply))
  app.post<{ Params: { method: string } }>('/api/auth.setup', { config: loginLimit }, (req, reply) => callApi(Object.assign(req, { params: { method: 'auth.setup' } }), reply))
  app.post<{ Params: { method: string } }>('/api/:method', callApi)

  // A body that is not JSON is bad input too, and gets the same answer shape.
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

  if (opts.rendererDir && fs.existsSync(path.join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.rendererDir), index: 'index.html' })
    // The UI routes by hash, so any other GET outside /api is the app itself.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html')
      reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: '找不到该地址' } })
    })
  }

  if (opts.autoSyncMinutes) {
    const stop = startAutoSync(() => core.context(), opts.autoSyncMinutes)
    app.addHook('onClose', async () => stop())
  }
  const stopBackups = opts.dailyBackups === false ? undefined
    : scheduleDailyBackups(core.db, backupsDirFor(databaseFileIn(opts.dataDir)), () => core.context().today())
  app.addHook('onClose', async () => { stopBackups?.(); core.close() })
  return { app, core, store }
}
