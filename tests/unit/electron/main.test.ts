/**
 * The lifecycle in electron/main/index.ts, with Electron mocked: the scheme is registered before ready; on ready the
 * guards, the app:// handler, the data, the IPC handler, the menu and the window are wired; quitting closes the
 * data; a second instance does nothing but quit.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

const e = vi.hoisted(() => {
  const state = {
    lock: true,
    log: [] as string[],
    listeners: new Map<string, (...a: any[]) => any>(),
    ipc: new Map<string, (...a: any[]) => any>(),
    protocolHandler: undefined as undefined | ((r: { url: string; method?: string }) => Promise<Response>),
    windows: [] as any[],
    ready: undefined as undefined | (() => void),
  }
  const app = {
    on: vi.fn((name: string, fn: (...a: any[]) => any) => state.listeners.set(name, fn)),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = () => (state.log.push('ready'), resolve())))),
    quit: vi.fn(() => state.log.push('quit')),
    exit: vi.fn(),
    getPath: vi.fn(() => '/nonexistent'),
    getAppPath: vi.fn(() => ''),
    getVersion: vi.fn(() => '0.1.0'),
    isPackaged: false,
  }
  class BrowserWindow {
    loadURL = vi.fn(async () => undefined)
    once = vi.fn()
    on = vi.fn()
    constructor(public options: any) {
      state.windows.push(this)
    }
  }
  const session = {
    defaultSession: {
      protocol: { handle: vi.fn((_s: string, fn: any) => (state.protocolHandler = fn)) },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  }
  return {
    state,
    module: {
      app,
      BrowserWindow,
      session,
      protocol: { registerSchemesAsPrivileged: vi.fn(() => state.log.push('registerSchemes')) },
      ipcMain: { handle: vi.fn((c: string, fn: any) => state.ipc.set(c, fn)), removeHandler: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
      dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() },
      shell: { openExternal: vi.fn(), openPath: vi.fn() },
      net: { fetch: vi.fn(async () => new Response('<!doctype html>')) },
    },
  }
})
vi.mock('electron', () => e.module)
vi.mock('electron-updater', () => ({ default: { autoUpdater: { setFeedURL: vi.fn() } } }))

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-main-'))

beforeEach(() => {
  vi.resetModules()
  vi.clearAllMocks()
  e.state.log.length = 0
  e.state.listeners.clear()
  e.state.ipc.clear()
  e.state.windows.length = 0
  e.state.protocolHandler = undefined
  e.module.app.getAppPath.mockReturnValue(repoRoot)
  process.env.RESERVE_DATA_DIR = dataDir
  // an empty desktop folder asks on the first-run page (issue 19); this test signs in to the demo's administrator
  process.env.RESERVE_SEED = 'demo'
})

afterAll(() => {
  e.state.listeners.get('before-quit')?.()
  delete process.env.RESERVE_DATA_DIR
  delete process.env.RESERVE_SEED
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('app lifecycle', () => {
  it('wires protocol, guards, data, IPC, menu and window once ready', async () => {
    e.state.lock = true
    await import('../../../electron/main/index')
    expect(e.state.log).toEqual(['registerSchemes'])
    expect(e.state.listeners.has('web-contents-created')).toBe(true)
    e.state.ready!()
    await flush()

    const ses = e.module.session.defaultSession
    expect(ses.setPermissionRequestHandler).toHaveBeenCalled()
    expect(ses.setPermissionCheckHandler).toHaveBeenCalled()
    expect(ses.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect(e.module.Menu.setApplicationMenu).toHaveBeenCalled()

    expect(e.state.windows).toHaveLength(1)
    const win = e.state.windows[0]
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.js$/)
    expect(win.loadURL).toHaveBeenCalledWith('app://app/index.html')

    const api = e.state.ipc.get('api:call')!
    const fromApp = { senderFrame: { url: 'app://app/index.html' } }
    expect(api(fromApp, { method: 'system.info', input: {}, lang: 'zh' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(api(fromApp, { method: 'auth.login', input: { username: 'admin', password: 'Admin2026' }, lang: 'zh' }).ok).toBe(true)
    const answer = api(fromApp, { method: 'system.info', input: {}, lang: 'zh' })
    expect(answer.ok).toBe(true)
    expect(fs.existsSync(path.join(dataDir, 'reserve.db'))).toBe(true)

    e.state.listeners.get('window-all-closed')!()
    expect(e.module.app.quit).toHaveBeenCalled()
    e.state.listeners.get('before-quit')!()
    e.state.listeners.get('before-quit')!() // closing twice is harmless
  })

  it('a second instance quits without opening the data or a window', async () => {
    e.state.lock = false
    await import('../../../electron/main/index')
    expect(e.module.app.quit).toHaveBeenCalled()
    expect(e.module.app.whenReady).not.toHaveBeenCalled()
    expect(e.state.listeners.has('web-contents-created')).toBe(false)
    expect(e.state.windows).toHaveLength(0)
  })
})
