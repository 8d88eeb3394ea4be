/**
 * The device's side of hub sync, for users: the hub address and device token in the settings, and a sync that
 * runs in the background (in Electron's main process or in a hub that syncs with the district hub) so the api
 * call that starts it returns at once; `sync.overview` reports its progress.
 */
import { eq } from 'drizzle-orm'
import { getSetting, putSetting } from '../common/settings'
import { replicas, settings } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError, isAppError, type Lang } from '../common/errors'
import { syncWithHub, type SyncAnswer, type SyncRequest } from './hub'
import { SYNC_KEYS } from './status'

export const HUB_TOKEN_KEY = 'sync.hubToken'

export interface HubJob {
  running: boolean
  startedAt: string
  finishedAt: string | null
  sent: number
  received: number
  rounds: number
  /** what the hub has of everything (sum of its vector): with `received`, a large first sync shows how far it is */
  hubTotal: number
  /** other offices' events this office holds that the hub deferred until those offices sync with it themselves */
  deferred: number
  error: AppError | null
}

const jobs = new WeakMap<object, HubJob>()
export const hubJobOf = (ctx: Pick<ServiceContext, 'db'>): HubJob | null => jobs.get(ctx.db.$client) ?? null

export function hubJobView(job: HubJob | null, lang: Lang) {
  if (!job) return null
  const { error, ...rest } = job
  return { ...rest, error: error ? error.toWire(lang).message : null }
}

const put = (ctx: Pick<ServiceContext, 'db'>, key: string, value: string) => putSetting(ctx.db, key, value)
const get = (ctx: Pick<ServiceContext, 'db'>, key: string) => getSetting(ctx.db, key)

/** Sets (or clears, with null) the hub address and this device's token. The token is never read back by the UI. */
export function setHub(ctx: ServiceContext, input: { url: string | null; token?: string | null }): void {
  const url = input.url?.trim() || null
  if (url) {
    let ok = false
    try { ok = ['https:', 'http:'].includes(new URL(url).protocol) } catch { ok = false }
    if (!ok) throw new AppError('SYNC_HUB_URL', { url }, { field: 'url' })
  }
  ctx.db.transaction(() => {
    if (url) put(ctx, SYNC_KEYS.hubUrl, url.replace(/\/+$/, ''))
    else ctx.db.delete(settings).where(eq(settings.key, SYNC_KEYS.hubUrl)).run()
    if (input.token !== undefined) {
      if (input.token?.trim()) put(ctx, HUB_TOKEN_KEY, input.token.trim())
      else ctx.db.delete(settings).where(eq(settings.key, HUB_TOKEN_KEY)).run()
    }
  })
}

export const hasHubToken = (ctx: Pick<ServiceContext, 'db'>): boolean => !!get(ctx, HUB_TOKEN_KEY)

/** POST /sync over HTTP, with the hub's refusals turned into errors in the user's language. */
export function httpPoster(url: string, token: string, lang: Lang, fetchImpl: typeof fetch = fetch) {
  return async (body: SyncRequest): Promise<SyncAnswer> => {
    let res: Response
    try {
      res = await fetchImpl(`${url}/sync`, {
        method: 'POST', body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lang': lang },
      })
    } catch (e) {
      throw new AppError('SYNC_HUB_UNREACHABLE', { url, detail: (e as Error).message })
    }
    if (res.ok) return (await res.json()) as SyncAnswer
    const detail = await res.json().then((j: { error?: { message?: string } }) => j.error?.message ?? '', () => '')
    if (res.status === 401) throw new AppError('SYNC_TOKEN_INVALID', {}, {}, 401)
    if (res.status >= 500 || res.status === 502 || res.status === 503) throw new AppError('SYNC_HUB_UNREACHABLE', { url, detail: `HTTP ${res.status} ${detail}` })
    throw new AppError('SYNC_HUB_REFUSED', { status: res.status, detail })
  }
}

/**
 * Starts a sync with the configured hub unless one is running; returns at once. A failure (hub down, restarted
 * mid-sync) is reported in the job and the next start resumes: every round is idempotent.
 */
export function startHubSync(ctx: ServiceContext, opts: { fetchImpl?: typeof fetch } = {}): { job: HubJob; done: Promise<void> } {
  const running = hubJobOf(ctx)
  if (running?.running) return { job: running, done: Promise.resolve() }
  const url = get(ctx, SYNC_KEYS.hubUrl)
  const token = get(ctx, HUB_TOKEN_KEY)
  if (!url || !token) throw new AppError('SYNC_NOT_CONFIGURED')
  const job: HubJob = { running: true, startedAt: new Date().toISOString(), finishedAt: null, sent: 0, received: 0, rounds: 0, hubTotal: 0, deferred: 0, error: null }
  jobs.set(ctx.db.$client, job)
  const done = (async () => {
    try {
      const r = await syncWithHub(ctx, httpPoster(url, token, ctx.lang, opts.fetchImpl), {
        onRound: (p) => Object.assign(job, { sent: p.sent, received: p.received, rounds: p.rounds, hubTotal: Object.values(p.hubVector).reduce((a, b) => a + b, 0) }),
      })
      job.deferred = r.deferred
      put(ctx, SYNC_KEYS.lastAt, new Date().toISOString())
      const local = ctx.db.select({ seq: replicas.seenSeq }).from(replicas).where(eq(replicas.isLocal, true)).get()!.seq
      put(ctx, SYNC_KEYS.confirmedSeq, String(Math.min(local, r.hubVector[ctx.replicaId] ?? 0)))
    } catch (e) {
      job.error = isAppError(e) ? e : new AppError('SYNC_HUB_UNREACHABLE', { url, detail: (e as Error).message })
    } finally {
      job.running = false
      job.finishedAt = new Date().toISOString()
    }
  })()
  return { job, done }
}
