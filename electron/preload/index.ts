/**
 * The renderer's only door to main: window.reserveApi.call(method, input, lang), plus saveBackupAs(lang) and printToPdf(docNo, lang),
 * which take no path (main opens the save dialog). Only method names from the api contract travel over IPC; anything else is
 * answered here, and nothing else (no ipcRenderer, no require) is exposed.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { methodNames } from '../../core/api/contract'
import { AppError } from '../../core/common/errors'
import { API_CHANNEL, BACKUP_SAVE_CHANNEL, PRINT_PDF_CHANNEL, type ApiCallMessage } from '../channel'

const known = new Set<string>(methodNames)

const reserveApi = {
  call(method: string, input: unknown, lang: 'zh' | 'en'): Promise<unknown> {
    const language = lang === 'en' ? 'en' : 'zh'
    if (typeof method !== 'string' || !known.has(method)) {
      return Promise.resolve({ ok: false, error: new AppError('UNKNOWN_METHOD', { method: String(method) }).toWire(language) })
    }
    const message: ApiCallMessage = { method, input, lang: language }
    return ipcRenderer.invoke(API_CHANNEL, message)
  },
  /** 备份到文件: main opens a save dialog and backs up to the chosen file (no path goes from here to main). */
  saveBackupAs(lang: 'zh' | 'en'): Promise<unknown> {
    return ipcRenderer.invoke(BACKUP_SAVE_CHANNEL, { lang: lang === 'en' ? 'en' : 'zh' })
  },
  /** 保存为 PDF: main prints this page to A4 PDF into a file chosen in its save dialog; docNo only names the default file. */
  printToPdf(docNo: string, lang: 'zh' | 'en'): Promise<unknown> {
    return ipcRenderer.invoke(PRINT_PDF_CHANNEL, { docNo: String(docNo ?? ''), lang: lang === 'en' ? 'en' : 'zh' })
  },
}

contextBridge.exposeInMainWorld('reserveApi', reserveApi)
