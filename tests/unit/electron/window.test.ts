/** The main window is sandboxed and context-isolated, and loads only the app's own page (or a localhost dev server). */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => {
  const created: Array<{ options: any; loadURL: ReturnType<typeof vi.fn>; once: ReturnType<typeof vi.fn> }> = []
  class BrowserWindow {
    loadURL = vi.fn(async () => undefined)
    once = vi.fn()
    show = vi.fn()
    constructor(public options: unknown) {
      created.push(this as any)
    }
  }
  return { created, BrowserWindow }
})
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }))

import { createMainWindow, mainWindowOptions, WINDOW_TITLE } from '../../../electron/main/window'
import { APP_ENTRY_URL, devServerUrl } from '../../../electron/main/origin'

beforeEach(() => {
  electron.created.length = 0
})

describe('main window', () => {
  it('is context-isolated and sandboxed, with no Node, no <webview> and web security on', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences!
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.preload).toBe('/app/out/preload/index.js')
  })

  it('is titled 应急物资储备网络 and created with those options', () => {
    const win = createMainWindow({ preloadPath: '/p/index.js' }) as unknown as (typeof electron.created)[number]
    expect(electron.created).toHaveLength(1)
    expect(win.options.title).toBe(WINDOW_TITLE)
    expect(WINDOW_TITLE).toBe('应急物资储备网络')
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false })
  })

  it('loads app://app/index.html, not file:// and not a remote URL', () => {
    const win = createMainWindow({ preloadPath: '/p/index.js' }) as unknown as (typeof electron.created)[number]
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL)
    expect(APP_ENTRY_URL).toBe('app://app/index.html')
  })

  it('uses ELECTRON_RENDERER_URL only from source and only on localhost', () => {
    expect(devServerUrl('http://localhost:5173/', false)).toBe('http://localhost:5173/')
    expect(devServerUrl('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173/')
    expect(devServerUrl('http://localhost:5173/', true)).toBeUndefined()
    expect(devServerUrl('https://example.com/', false)).toBeUndefined()
    expect(devServerUrl('http://localhost.evil.example:5173/', false)).toBeUndefined()
    expect(devServerUrl('http://user@localhost:5173/', false)).toBeUndefined()
    expect(devServerUrl('file:///etc/passwd', false)).toBeUndefined()
    expect(devServerUrl(undefined, false)).toBeUndefined()

    const win = createMainWindow({ preloadPath: '/p', devUrl: devServerUrl('https://example.com/', false) }) as unknown as (typeof electron.created)[number]
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL)
  })
})
