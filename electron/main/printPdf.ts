/**
 * 保存为 PDF (desktop): the print view asks; main checks the caller is our page, opens a save dialog (default name
 * <单据编号>.pdf), prints the very page that asked to an A4 PDF (the print stylesheet applies, so the toolbar is not
 * in it) and writes it to the chosen file. The renderer sends no path — only the document number as a suggested name.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import type { ApiResult } from '../../core/api/invoke'
import { AppError, type Lang } from '../../core/common/errors'

export interface PdfSenderEvent {
  senderFrame: { url: string } | null
  sender: { printToPDF(options: { pageSize: 'A4'; printBackground: boolean }): Promise<Uint8Array> }
}

type ShowSaveDialog = (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>
type WriteFile = (file: string, bytes: Uint8Array) => Promise<void>

/** A file name from a document number: no separators, no characters a file system refuses, never empty. */
export function pdfFileName(docNo: unknown): string {
  const safe = String(typeof docNo === 'string' ? docNo : '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/^\.+/, '').trim().slice(0, 80)
  return `${safe || '单据'}.pdf`
}

export function makePrintToPdfHandler(
  isTrustedSender: (frameUrl: string | undefined) => boolean,
  showSaveDialog: ShowSaveDialog,
  writeFile: WriteFile = (file, bytes) => fs.promises.writeFile(file, bytes),
) {
  return async (event: PdfSenderEvent, message: unknown): Promise<ApiResult> => {
    const m = (message ?? {}) as { lang?: unknown; docNo?: unknown }
    const lang: Lang = m.lang === 'en' ? 'en' : 'zh'
    const fail = (e: AppError): ApiResult => ({ ok: false, error: e.toWire(lang) })
    if (!isTrustedSender(event.senderFrame?.url)) return fail(new AppError('FORBIDDEN', { reason: '调用来源不可信', reasonEn: 'untrusted caller' }, {}, 403))
    const chosen = await showSaveDialog({
      title: lang === 'en' ? 'Save as PDF' : '保存为 PDF',
      defaultPath: pdfFileName(m.docNo),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    })
    if (chosen.canceled || !chosen.filePath) return { ok: true, data: { saved: false } }
    try {
      const pdf = await event.sender.printToPDF({ pageSize: 'A4', printBackground: true })
      await writeFile(chosen.filePath, pdf)
      return { ok: true, data: { saved: true, name: path.basename(chosen.filePath), bytes: pdf.byteLength } }
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      return fail(new AppError('PDF_SAVE_FAILED', { reason, reasonEn: reason }))
    }
  }
}
