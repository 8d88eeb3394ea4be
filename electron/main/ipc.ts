/**
 * The api over IPC: one channel whose handler checks who is calling, that the method is in the contract, and then
 * hands the call to the core, which validates the input with the contract's zod schema.
 *
 * The desktop session lives here, in main: auth.login's password passes through once, the core answers with who
 * signed in, and the session token stays in this closure — the renderer never holds a token, and no password is
 * kept anywhere after the login returns. Closing the app (or logging out) ends the session.
 */
import path from 'node:path'
import { BrowserWindow, dialog, ipcMain, type SaveDialogOptions, type SaveDialogReturnValue } from 'electron'
import { z } from 'zod'
import type { Core } from '../../core/app'
import { roleAllows, type ApiResult } from '../../core/api/invoke'
import { contract, methodNames } from '../../core/api/contract'
import { AppError, type Lang } from '../../core/common/errors'
import { backupFileName, backupToFile } from '../../core/system/backup'
import { recordAudit } from '../../core/people/audit'
import { sessionActor } from '../../core/people/users'
import { API_CHANNEL, BACKUP_SAVE_CHANNEL, PRINT_PDF_CHANNEL } from '../channel'
import { makePrintToPdfHandler } from './printPdf'

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

/** The desktop session: its token, kept in main only, shared by the api handler and the save-backup handler. */
export interface DesktopSession { token?: string }

export function makeApiHandler(core: Pick<Core, 'callWithSession'>, isTrustedSender: IsTrustedSender, session: DesktopSession = {}) {
  const known = new Set<string>(methodNames)
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
    const { result, token } = core.callWithSession({ token: session.token, client: 'desktop' }, method, input, lang)
    if (token !== undefined) session.token = token ?? undefined
    return result
  }
}

export type ShowSaveDialog = (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>

/**
 * 备份到文件: the renderer only asks; main checks the caller (trusted page, signed in, allowed to back up), opens
 * the save dialog, and backs up to the path the person chose there. No path ever comes from the renderer.
 */
export function makeSaveBackupHandler(holder: { readonly core: Core }, isTrustedSender: IsTrustedSender, session: DesktopSession, showSaveDialog: ShowSaveDialog) {
  return async (event: SenderEvent, message: unknown): Promise<ApiResult> => {
    const lang: Lang = (message as { lang?: unknown } | null)?.lang === 'en' ? 'en' : 'zh'
    const fail = (e: AppError): ApiResult => failure(e, lang)
    if (!isTrustedSender(event.senderFrame?.url)) return fail(new AppError('FORBIDDEN', { reason: '调用来源不可信', reasonEn: 'untrusted caller' }, {}, 403))
    let core: Core
    try { core = holder.core } catch (e) { return fail(e as AppError) }
    const who = sessionActor(core.db, session.token)
    if (!who) return fail(new AppError('UNAUTHENTICATED', {}, {}, 401))
    if (who.mustChangePassword) return fail(new AppError('PASSWORD_CHANGE_REQUIRED', {}, {}, 403))
    const audit = (outcome: 'ok' | 'refused' | 'failed', entityId: string | undefined, detail: string) => recordAudit(core.db, {
      replicaId: core.replicaId, actor: who.actor, action: 'backup.saveAs', outcome, entity: 'backup', entityId, detail,
    })
    if (!roleAllows(who.actor, contract['backup.create'])) {
      audit('refused', undefined, 'role')
      return fail(new AppError('FORBIDDEN', { reason: '角色不符', reasonEn: 'role' }, {}, 403))
    }
    const chosen = await showSaveDialog({
      title: lang === 'en' ? 'Save a backup' : '备份到文件',
      defaultPath: backupFileName(core.context().today()),
      filters: [{ name: lang === 'en' ? 'Backup (SQLite)' : '备份文件（SQLite）', extensions: ['db'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    })
    if (chosen.canceled || !chosen.filePath) return { ok: true, data: { saved: false } }
    try {
      core = holder.core // a restore may have swapped it while the dialog was open
      const made = backupToFile(core.db, chosen.filePath)
      audit('ok', path.basename(made.file), `${made.file} (${made.bytes} bytes)`)
      return { ok: true, data: { saved: true, name: path.basename(made.file), bytes: made.bytes } }
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      audit('failed', path.basename(chosen.filePath), reason)
      return fail(e instanceof AppError ? e : new AppError('BACKUP_INVALID', { reason: `无法写入所选文件（${reason}）`, reasonEn: `cannot write the chosen file (${reason})` }))
    }
  }
}

/** Registers the handlers (api calls, save a backup, save the print view as PDF); returns a function that removes them. */
export function registerApi(
  target: Pick<Core, 'callWithSession'> & { readonly core?: Core },
  isTrustedSender: IsTrustedSender,
  showSaveDialog: ShowSaveDialog = (options) => {
    const win = BrowserWindow.getFocusedWindow()
    return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)
  },
): () => void {
  const session: DesktopSession = {}
  ipcMain.handle(API_CHANNEL, makeApiHandler(target, isTrustedSender, session))
  const holder = 'core' in target ? (target as { readonly core: Core }) : { get core() { return target as Core } }
  ipcMain.handle(BACKUP_SAVE_CHANNEL, makeSaveBackupHandler(holder, isTrustedSender, session, showSaveDialog))
  ipcMain.handle(PRINT_PDF_CHANNEL, makePrintToPdfHandler(isTrustedSender, showSaveDialog))
  return () => { ipcMain.removeHandler(API_CHANNEL); ipcMain.removeHandler(BACKUP_SAVE_CHANNEL); ipcMain.removeHandler(PRINT_PDF_CHANNEL) }
}
