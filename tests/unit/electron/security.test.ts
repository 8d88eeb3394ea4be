/** Navigation, new windows, <webview>, permissions and the CSP header: each guard is exercised with it on. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, (...a: any[]) => void>()
  return {
    appListeners,
    app: { on: vi.fn((name: string, fn: (...a: any[]) => void) => appListeners.set(name, fn)) },
    shell: { openExternal: vi.fn(async () => undefined) },
  }
})
vi.mock('electron', () => ({ app: electron.app, shell: electron.shell }))

import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, guardWebContents, hardenSession, installContentGuards } from '../../../electron/main/security'
import { trustedPageUrl } from '../../../electron/main/origin'

/** A stand-in WebContents that records its listeners and window-open handler. */
function fakeContents() {
  const listeners = new Map<string, (...a: any[]) => void>()
  let openHandler: ((d: { url: string }) => { action: string }) | undefined
  const contents = {
    on: vi.fn((name: string, fn: (...a: any[]) => void) => listeners.set(name, fn)),
    setWindowOpenHandler: vi.fn((fn: typeof openHandler) => (openHandler = fn)),
  }
  const emit = (name: string, url: string) => {
    const event = { url, preventDefault: vi.fn() }
    const fn = listeners.get(name)
    if (!fn) throw new Error(`no ${name} listener`)
    fn(event, url)
    return event.preventDefault.mock.calls.length > 0
  }
  return { contents: contents as any, emit, open: (url: string) => openHandler!({ url }) }
}

beforeEach(() => {
  vi.clearAllMocks()
  electron.appListeners.clear()
})

describe('navigation', () => {
  const isTrusted = trustedPageUrl()

  it('denies will-navigate to foreign pages and allows app://app', () => {
    const c = fakeContents()
    guardWebContents(c.contents, isTrusted)
    expect(c.emit('will-navigate', 'https://evil.example/')).toBe(true)
    expect(c.emit('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(c.emit('will-navigate', 'app://evil/index.html')).toBe(true)
    expect(c.emit('will-navigate', 'http://localhost:5173/')).toBe(true)
    expect(c.emit('will-navigate', 'app://app/index.html')).toBe(false)
    expect(c.emit('will-navigate', 'app://app/index.html#/stock')).toBe(false)
  })

  it('applies the same rule to frame navigations and redirects', () => {
    const c = fakeContents()
    guardWebContents(c.contents, isTrusted)
    expect(c.emit('will-frame-navigate', 'https://evil.example/')).toBe(true)
    expect(c.emit('will-redirect', 'https://evil.example/')).toBe(true)
    expect(c.emit('will-redirect', 'app://app/index.html')).toBe(false)
  })

  it('allows the dev server origin only when one was accepted', () => {
    const c = fakeContents()
    guardWebContents(c.contents, trustedPageUrl('http://localhost:5173/'))
    expect(c.emit('will-navigate', 'http://localhost:5173/#/x')).toBe(false)
    expect(c.emit('will-navigate', 'http://localhost:5174/')).toBe(true)
  })

  it('blocks <webview> attachment', () => {
    const c = fakeContents()
    guardWebContents(c.contents, isTrusted)
    expect(c.emit('will-attach-webview', 'https://evil.example/')).toBe(true)
  })
})

describe('new windows', () => {
  it('are always denied; only https links go to the system browser', () => {
    const c = fakeContents()
    guardWebContents(c.contents, trustedPageUrl())
    expect(c.open('https://www.songjiang.gov.cn/')).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.songjiang.gov.cn/')
    electron.shell.openExternal.mockClear()
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'app://app/index.html', 'javascript:alert(1)', 'not a url']) {
      expect(c.open(url)).toEqual({ action: 'deny' })
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
  })
})

describe('every web contents', () => {
  it('gets the guards through app web-contents-created', () => {
    installContentGuards(trustedPageUrl())
    const created = electron.appListeners.get('web-contents-created')
    expect(created).toBeTypeOf('function')
    const c = fakeContents()
    created!({}, c.contents)
    expect(c.emit('will-attach-webview', 'about:blank')).toBe(true)
    expect(c.emit('will-navigate', 'https://evil.example/')).toBe(true)
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' })
  })
})

describe('permissions', () => {
  it('requests, checks and device access are denied by default', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() }
    hardenSession(session as any)
    const request = session.setPermissionRequestHandler.mock.calls[0][0]
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn()
      request({}, permission, callback, {})
      expect(callback).toHaveBeenCalledWith(false)
    }
    const check = session.setPermissionCheckHandler.mock.calls[0][0]
    expect(check({}, 'media', 'app://app', {})).toBe(false)
    const device = session.setDevicePermissionHandler.mock.calls[0][0]
    expect(device({ deviceType: 'usb', origin: 'app://app' })).toBe(false)
  })
})

describe('Content-Security-Policy', () => {
  it('has no unsafe-eval, allows only self scripts, and matches renderer/index.html', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self'(;|$)/)
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )default-src 'self'(;|$)/)
    const html = readFileSync(join(fileURLToPath(new URL('../../..', import.meta.url)), 'renderer', 'index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
  })
})
