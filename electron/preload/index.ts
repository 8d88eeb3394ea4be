/**
 * The renderer's only door to main: window.reserveApi.call(method, input, lang). Only method names from the api
 * contract travel over IPC; anything else is answered here, and nothing else (no ipcRenderer, no require) is exposed.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { methodNames } from '../../core/api/contract'
import { AppError } from '../../core/errors'
import { API_CHANNEL, type ApiCallMessage } from '../channel'

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
}

contextBridge.exposeInMainWorld('reserveApi', reserveApi)
