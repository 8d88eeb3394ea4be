/**
 * The renderer's api client. Inside Electron it calls through the preload bridge (IPC); in a browser it calls the
 * hub over HTTP. Pages never know which: they call `api('stock.receive', input)`.
 */
import type { MethodInput, MethodName } from '../../core/api/contract'
import type { MethodOutput } from '../../core/api/handlers'
import type { WireError } from '../../core/common/errors'

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: WireError }

export interface ReserveBridge {
  call(method: string, input: unknown, lang: 'zh' | 'en'): Promise<ApiResult<unknown>>
  /** desktop only: main opens a save dialog and backs up to the chosen file */
  saveBackupAs?(lang: 'zh' | 'en'): Promise<ApiResult<{ saved: boolean; name?: string; bytes?: number }>>
  /** desktop only: main prints the asking page to an A4 PDF into a file chosen in its save dialog (docNo names the default) */
  printToPdf?(docNo: string, lang: 'zh' | 'en'): Promise<ApiResult<{ saved: boolean; name?: string; bytes?: number }>>
}

declare global {
  interface Window { reserveApi?: ReserveBridge }
}

/** An error the api answered with: a sentence for the user, and the row/field it is about. */
export class ApiError extends Error {
  readonly code: string
  readonly field?: string
  readonly row?: number
  constructor(e: WireError) {
    super(e.message)
    this.name = 'ApiError'
    this.code = e.code
    this.field = e.field
    this.row = e.row
  }
}

let currentLang: 'zh' | 'en' = 'zh'
export const setApiLanguage = (lang: 'zh' | 'en') => { currentLang = lang }

export const transport = (): 'ipc' | 'http' => (typeof window !== 'undefined' && window.reserveApi ? 'ipc' : 'http')

/** The hub's CSRF token: a cookie this page can read and another site cannot; every call repeats it in a header. */
function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)reserve_csrf=([^;]+)/)
  return m ? decodeURIComponent(m[1]) : ''
}

/** The current answer language (for the few calls that are not api methods). */
export const apiLanguage = () => currentLang

/** The hub's CSRF header for a request made outside `api` (an upload). */
export const csrfHeader = (): Record<string, string> => ({ 'x-csrf-token': csrfToken(), 'x-lang': currentLang })

/** Called when an answer says the session is gone (expired, logged out elsewhere): the app shows the login page. */
let onSignedOut: (() => void) | undefined
export const whenSignedOut = (f: (() => void) | undefined) => { onSignedOut = f }

async function callHttp(method: string, input: unknown): Promise<ApiResult<unknown>> {
  let res: Response
  try {
    res = await fetch(`api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-lang': currentLang, 'x-csrf-token': csrfToken() },
      body: JSON.stringify(input ?? {}),
    })
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: currentLang === 'en' ? 'Cannot reach the hub' : '无法连接到服务器' } }
  }
  return (await res.json()) as ApiResult<unknown>
}

export async function api<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = window.reserveApi ? await window.reserveApi.call(method, input, currentLang) : await callHttp(method, input)
  if (!result.ok) {
    if (result.error.code === 'UNAUTHENTICATED' || result.error.code === 'PASSWORD_CHANGE_REQUIRED') onSignedOut?.()
    throw new ApiError(result.error)
  }
  return result.data as MethodOutput<M>
}

/**
 * A fresh id for a document form: posting twice with the same id posts once. randomUUID exists only in secure
 * contexts, and a hub reached over the office LAN by plain http is not one, so fall back to getRandomValues.
 */
export function newDocumentId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
