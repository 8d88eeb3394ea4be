/**
 * The api over IPC: one channel whose handler checks who is calling, that the method is in the contract, and then
 * hands the call to the core, which validates the input with the contract's zod schema.
 *
 * The desktop session lives here, in main: auth.login's password passes through once, the core answers with who
 * signed in, and the session token stays in this closure — the renderer never holds a token, and no password is
 * kept anywhere after the login returns. Closing the app (or logging out) ends the session.
 */
import { ipcMain } from 'electron'
import { z } from 'zod'
import type { Core } from '../../core/app'
import type { ApiResult } from '../../core/api/invoke'
import { methodNames } from '../../core/api/contract'
import { AppError, type Lang } from '../../core/errors'
import { API_CHANNEL } from '../channel'

const callMessage = z.object({
  method: z.string().max(100),
  input: z.unknown(),
  lang: z.enum(['zh', 'en']).catch('zh'),
})

/** The part of an IpcMainInvokeEvent the handler looks at. */
export interface SenderEvent {
  senderFrame: { url: string } | null
}

export type IsTrustedSender = (frameUrl: string | undefined) => boolean

const failure = (error: AppError, lang: Lang): ApiResult => ({ ok: false, error: error.toWire(lang) })

export function makeApiHandler(core: Pick<Core, 'callWithSession'>, isTrustedSender: IsTrustedSender) {
  const known = new Set<string>(methodNames)
  let sessionToken: string | undefined
  return (event: SenderEvent, message: unknown): ApiResult => {
    const parsed = callMessage.safeParse(message)
    const lang: Lang = parsed.success ? parsed.data.lang : 'zh'
    // senderFrame is null once the frame has navigated away or gone: then nobody we trust is asking.
    if (!isTrustedSender(event.senderFrame?.url)) {
      return failure(new AppError('FORBIDDEN', { reason: '调用来源不可信', reasonEn: 'untrusted caller' }, {}, 403), lang)
    }
    if (!parsed.success) {
      return failure(new AppError('VALIDATION', { detail: '接口调用格式不正确', detailEn: 'malformed api call' }), lang)
    }
    const { method, input } = parsed.data
    if (!known.has(method)) return failure(new AppError('UNKNOWN_METHOD', { method }, {}, 404), lang)
    const { result, token } = core.callWithSession({ token: sessionToken, client: 'desktop' }, method, input, lang)
    if (token !== undefined) sessionToken = token ?? undefined
    return result
  }
}

/** Registers the handler; returns a function that removes it. */
export function registerApi(core: Pick<Core, 'callWithSession'>, isTrustedSender: IsTrustedSender): () => void {
  ipcMain.handle(API_CHANNEL, makeApiHandler(core, isTrustedSender))
  return () => ipcMain.removeHandler(API_CHANNEL)
}
